import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/data-source';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { migratedPgDatabase, pgDataSource } from '../helpers/pg-migrated';
import { pendingSchemaChanges, schemaDrift } from '../../main/db/schema-drift';
import { Ticket } from '../../main/db/entities';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());

/** One entry per engine the app runs on, with how its schema builder spells two changes. */
const engines = [
  {
    name: 'sqlite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-drift-'));
      dirs.push(dir);
      return (await openDatabase(dir)).dataSource;
    },
    dropDefault: /CREATE TABLE "temporary_ticket"/,
    dropIndex: 'DROP INDEX "ticket_received"',
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      cluster ??= await startPgCluster();
      return pgDataSource(await migratedPgDatabase(cluster, 'drift'));
    },
    dropDefault: /ALTER TABLE "ticket" ALTER COLUMN "approval" DROP DEFAULT/,
    dropIndex: 'DROP INDEX "public"."ticket_received"',
  },
];

describe.each(engines)('entities against the migrated schema ($name)', (engine) => {
  const { open } = engine;
  it("TypeORM's schema builder has nothing to change: columns, indexes, uniques, foreign keys", async () => {
    const ds = await open();
    try {
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('agree on every column: type, length, default, nullability, uniqueness', async () => {
    const ds = await open();
    try {
      expect(await schemaDrift(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('notice a drift: an entity column without the migration default is reported', async () => {
    const ds = await open();
    try {
      const col = ds.getMetadata(Ticket).findColumnWithDatabaseName('approval')!;
      const saved = col.default;
      col.default = undefined;
      try {
        expect((await schemaDrift(ds)).join('\n')).toMatch(
          /^ticket\.approval: database .*"default":"'none'"/m,
        );
        expect((await pendingSchemaChanges(ds)).join('\n')).toMatch(engine.dropDefault);
      } finally {
        col.default = saved;
      }
    } finally {
      await ds.destroy();
    }
  });

  it('notice a drift: an index the entity does not declare would be dropped', async () => {
    const ds = await open();
    try {
      const meta = ds.getMetadata(Ticket);
      const saved = meta.indices;
      meta.indices = saved.filter((i) => i.name !== 'ticket_received');
      try {
        expect(await pendingSchemaChanges(ds)).toContain(engine.dropIndex);
      } finally {
        meta.indices = saved;
      }
    } finally {
      await ds.destroy();
    }
  });
});

describe('migration 0012 on a shop that already has data', () => {
  it('keeps every setting, sequence and barcode while it rebuilds their tables', async () => {
    const Database = (await import('better-sqlite3')).default;
    const { runMigrations } = await import('../../main/db/migrate');
    const { migrations } = await import('../../main/db/migrations');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-drift-'));
    dirs.push(dir);
    const db = new Database(path.join(dir, 'workstation.sqlite'));
    db.pragma('foreign_keys = ON');
    runMigrations(
      db,
      migrations.filter((m) => m.id < 12),
    );
    db.exec(`INSERT INTO setting (key, value, updated_at) VALUES ('shop.name', '"Fix-It"', 1)`);
    db.exec(`INSERT INTO sequence (name, value) VALUES ('bench-test', 41)`);
    const part = db.prepare(`SELECT id FROM part LIMIT 1`).get() as { id: number } | undefined;
    if (part)
      db.exec(`INSERT INTO part_barcode (code, part_id) VALUES ('6901234567892', ${part.id})`);
    const before = {
      settings: db.prepare('SELECT * FROM setting ORDER BY key').all(),
      sequences: db.prepare('SELECT * FROM sequence ORDER BY name').all(),
      barcodes: db.prepare('SELECT * FROM part_barcode ORDER BY code').all(),
    };
    expect(runMigrations(db, migrations)).toContain(12);
    expect({
      settings: db.prepare('SELECT * FROM setting ORDER BY key').all(),
      sequences: db.prepare('SELECT * FROM sequence ORDER BY name').all(),
      barcodes: db.prepare('SELECT * FROM part_barcode ORDER BY code').all(),
    }).toEqual(before);
    expect(() => db.exec(`INSERT INTO sequence (name, value) VALUES (NULL, 1)`)).toThrow(
      /NOT NULL/,
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
