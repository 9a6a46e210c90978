import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { entities } from '../../main/db/entities';
import { runPgMigrations } from '../../main/db/migrate-pg';
import { migrations } from '../../main/db/migrations';
import type { PgCluster } from './pg-cluster';

let n = 0;

/** A fresh, empty database on `cluster` (one per test file or case): its URL. */
export async function freshPgDatabase(cluster: PgCluster, prefix = 'ws'): Promise<string> {
  const name = `${prefix}_${process.pid}_${++n}`;
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url(name);
}

/** A client on `url`, for raw SQL in tests; the caller ends it. */
export async function pgClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A fresh database with every migration applied. */
export async function migratedPgDatabase(cluster: PgCluster, prefix = 'ws'): Promise<string> {
  const url = await freshPgDatabase(cluster, prefix);
  const client = await pgClient(url);
  try {
    await runPgMigrations(client, migrations, Date.now());
  } finally {
    await client.end();
  }
  return url;
}

/** TypeORM over `url` with the app's entities, the schema left as the migrations built it. */
export async function pgDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', url, entities, synchronize: false });
  return ds.initialize();
}
