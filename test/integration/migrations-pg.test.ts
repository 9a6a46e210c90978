import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationError, migrationChecksum } from '../../main/db/migrate';
import { runPgMigrations } from '../../main/db/migrate-pg';
import { syncPgSequences } from '../../main/db/pg-sequences';
import { migrations } from '../../main/db/migrations';
import type { Migration } from '../../main/db/migrations/types';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase, pgClient } from '../helpers/pg-migrated';

let cluster: PgCluster;
const clients: pg.Client[] = [];
beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  cluster.stop();
});

/** A client on a new empty database. */
const emptyDatabase = async () => {
  const url = await freshPgDatabase(cluster, 'mig');
  const client = await pgClient(url);
  clients.push(client);
  return { url, client };
};
const tables = async (c: pg.Client) =>
  (
    await c.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
  ).rows.map((r) => r.name);
const NOW = Date.UTC(2026, 11, 2, 9);

describe('migrations on PostgreSQL', () => {
  it('(PostgreSQL) build the whole schema on an empty database, search indexes and triggers too', async () => {
    const { client } = await emptyDatabase();
    expect(await runPgMigrations(client, migrations, NOW)).toEqual(migrations.map((m) => m.id));
    const names = await tables(client);
    for (const t of ['staff', 'customer', 'ticket', 'audit_entry', 'payment', 'day_close']) {
      expect(names).toContain(t);
    }
    for (const t of ['kpi_fault_day', 'kpi_done', 'shop_zone_offset', 'ticket_fix_text']) {
      expect(names).toContain(t);
    }
    const applied = await client.query('SELECT id, applied_at FROM schema_migration ORDER BY id');
    expect(applied.rows.map((r: { id: number }) => r.id)).toEqual(migrations.map((m) => m.id));
    expect(Number(applied.rows[0].applied_at)).toBe(NOW);
    const indexes = (
      await client.query<{ name: string; def: string }>(
        "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'",
      )
    ).rows;
    const def = (name: string) => indexes.find((i) => i.name === name)?.def ?? '';
    expect(def('customer_trgm')).toMatch(/USING gin \(name gin_trgm_ops, email gin_trgm_ops\)/);
    expect(def('part_trgm')).toMatch(/gin_trgm_ops/);
    expect(def('kb_article_trgm')).toMatch(/gin_trgm_ops/);
    expect(def('customer_phone_rev')).toMatch(/phone_rev COLLATE "C"/);
    expect(def('stock_balance_low')).toMatch(/WHERE \(\(reorder_point > 0\) AND \(active = 1\)\)/);
    const triggers = (
      await client.query<{ name: string }>(
        'SELECT DISTINCT trigger_name AS name FROM information_schema.triggers ORDER BY 1',
      )
    ).rows.map((r) => r.name);
    expect(triggers).toEqual(
      expect.arrayContaining([
        'audit_entry_no_change',
        'payment_closed_day',
        'kpi_fault_ai',
        'kpi_done_au',
        'kpi_fault_device_au',
        'ticket_fix_text_au',
      ]),
    );
    // the board's counts stay index-only: ticket is vacuumed after 2,000 changes, not 20 %
    const options = await client.query<{ o: string[] }>(
      "SELECT reloptions AS o FROM pg_class WHERE relname = 'ticket'",
    );
    expect(options.rows[0].o).toEqual(
      expect.arrayContaining(['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=2000']),
    );
    // sign-ins do not set off an analyze of staff (every station's cached board plan with it)
    const staff = await client.query<{ o: string[] }>(
      "SELECT reloptions AS o FROM pg_class WHERE relname = 'staff'",
    );
    expect(staff.rows[0].o).toEqual(
      expect.arrayContaining([
        'autovacuum_analyze_threshold=2000000000',
        'autovacuum_vacuum_threshold=1000',
      ]),
    );
  });

  it('(PostgreSQL) apply nothing twice when the app starts again', async () => {
    const { client } = await emptyDatabase();
    await runPgMigrations(client, migrations, NOW);
    expect(await runPgMigrations(client, migrations, NOW + 1)).toEqual([]);
    const n = await client.query('SELECT count(*)::int AS n FROM schema_migration');
    expect(n.rows[0].n).toBe(migrations.length);
  });

  it('(PostgreSQL) refuse to start when an applied migration was edited, and change nothing', async () => {
    const { client } = await emptyDatabase();
    await runPgMigrations(client, migrations, NOW);
    const edited: Migration[] = migrations.map((m, i) =>
      i === 0
        ? { ...m, postgres: [...(m.postgres ?? m.sql), 'CREATE TABLE sneaky (id INTEGER)'] }
        : m,
    );
    const refused = await runPgMigrations(client, edited, NOW).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MigrationError);
    expect((refused as MigrationError).code).toBe('MIGRATION_EDITED');
    expect((refused as Error).message).toMatch(/was changed after it was applied/);
    expect(await tables(client)).not.toContain('sneaky');
  });

  it('(PostgreSQL) checksums are per engine: a SQLite-only edit does not refuse a PostgreSQL database', async () => {
    const { client } = await emptyDatabase();
    await runPgMigrations(client, migrations, NOW);
    const sqliteEdited = migrations.map((m) =>
      m.id === 1 ? { ...m, sqliteOnly: [...(m.sqliteOnly ?? []), 'SELECT 1'] } : m,
    );
    expect(migrationChecksum(sqliteEdited[0])).not.toBe(migrationChecksum(migrations[0]));
    expect(await runPgMigrations(client, sqliteEdited, NOW)).toEqual([]);
  });

  it('(PostgreSQL) refuse a database from a newer app version', async () => {
    const { client } = await emptyDatabase();
    await runPgMigrations(client, migrations, NOW);
    await client.query("INSERT INTO schema_migration VALUES (999, 'future', 'x', 0)");
    const refused = await runPgMigrations(client, migrations, NOW).catch((e: unknown) => e);
    expect((refused as MigrationError).code).toBe('MIGRATION_UNKNOWN');
    expect((refused as Error).message).toMatch(/does not know/);
  });

  it('(PostgreSQL) a failing step rolls every pending step back: the database is as it was', async () => {
    const { client } = await emptyDatabase();
    const broken: Migration = {
      id: 99,
      name: 'broken',
      sql: ['CREATE TABLE a (id INTEGER)', 'CREATE TABLE a (id INTEGER)'],
    };
    const refused = await runPgMigrations(client, [...migrations, broken], NOW).catch(
      (e: unknown) => e,
    );
    expect((refused as MigrationError).code).toBe('MIGRATION_FAILED');
    expect((refused as Error).message).toMatch(
      /^Migration 99 \(broken\) failed and was rolled back, nothing was changed: relation "a" already exists/,
    );
    expect(await tables(client)).toEqual([]);
    // The connection is usable again, and the good steps apply on their own.
    expect(await runPgMigrations(client, migrations, NOW)).toHaveLength(migrations.length);
  });

  it('(PostgreSQL) rows copied with their ids: the sequences move past them', async () => {
    const { client } = await emptyDatabase();
    await runPgMigrations(client, migrations, NOW);
    await client.query(
      `INSERT INTO staff (id, name, role, pin_hash, pin_salt, created_at, updated_at)
       VALUES (41, 'Mei', 'manager', 'h', 's', 0, 0)`,
    );
    const serials = await syncPgSequences(client);
    expect(serials).toBeGreaterThan(30);
    const next = await client.query(
      `INSERT INTO staff (name, role, pin_hash, pin_salt, created_at, updated_at)
       VALUES ('Sam', 'counter', 'h', 's', 0, 0) RETURNING id`,
    );
    expect(next.rows[0].id).toBe(42);
    const empty = await client.query(
      `INSERT INTO supplier (name, created_at, updated_at) VALUES ('Parts Co', 0, 0) RETURNING id`,
    );
    expect(empty.rows[0].id).toBe(1);
  });

  it('(PostgreSQL) two stations starting at once: the migrations are applied once', async () => {
    const { url, client: first } = await emptyDatabase();
    const second = await pgClient(url);
    clients.push(second);
    const [a, b] = await Promise.all([
      runPgMigrations(first, migrations, NOW),
      runPgMigrations(second, migrations, NOW),
    ]);
    expect([a, b].sort((x, y) => y.length - x.length)).toEqual([migrations.map((m) => m.id), []]);
    const n = await first.query('SELECT count(*)::int AS n FROM schema_migration');
    expect(n.rows[0].n).toBe(migrations.length);
  });
});
