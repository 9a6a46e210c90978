import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/data-source';
import { schemaDrift } from '../../main/db/schema-drift';
import { Ticket } from '../../main/db/entities';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** One entry per engine the app runs on; PostgreSQL joins when its driver lands. */
const engines = [
  {
    name: 'sqlite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-drift-'));
      dirs.push(dir);
      return (await openDatabase(dir)).dataSource;
    },
  },
];

describe.each(engines)('entities against the migrated schema ($name)', ({ open }) => {
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
        expect((await schemaDrift(ds)).join('\n')).toMatch(/^ticket\.approval: database .*"default":"'none'"/m);
      } finally {
        col.default = saved;
      }
    } finally {
      await ds.destroy();
    }
  });
});
