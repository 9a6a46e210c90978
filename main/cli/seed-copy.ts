import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyField } from '../db/move/copy';
import { quoteIdent } from '../db/move/source';
import { connectTarget, type TargetTable } from '../db/move/target';
import type { RowSink } from './seed-rows';

/** What one table's COPY stream carried: its rows and the sum of each `*_cents` column (the
 * seeder checks both against the database afterwards). */
export interface CopiedTable {
  table: string;
  rows: number;
  cents: Record<string, number>;
}

interface Stream {
  table: string;
  columns: readonly string[];
  conv: Array<(v: unknown) => string>;
  centsAt: number[];
  sums: number[];
  rows: number;
  pending: string;
  client?: pg.Client;
  copy?: ReturnType<typeof copyFrom>;
  done?: Promise<void>;
  failed?: unknown;
}

/**
 * The seeders' rows as `COPY … FROM STDIN` streams into PostgreSQL, one connection per table, so
 * the tables load side by side. Each connection runs in replica mode (superuser only): no
 * trigger fires and no foreign key is checked while the generated history streams in, in
 * whatever order its tables fill; the generator writes every parent before its children, and
 * the seeder rebuilds what the triggers derive once the rows are in (pg-derived.ts). A batch's
 * rows go out when the batch ends; a stream the server cannot keep up with makes the generator
 * wait (backpressure), so memory stays at about one batch.
 */
export class PgCopyRows implements RowSink {
  private readonly streams: Stream[] = [];

  constructor(
    private readonly url: string,
    private readonly types: Map<string, TargetTable>,
  ) {}

  table(name: string, columns: readonly string[]): (...values: unknown[]) => void {
    const t = this.types.get(name);
    if (!t) throw new Error(`seed: no table ${name} on the target`);
    const conv = columns.map((c) => {
      const type = t.types.get(c);
      if (!type) throw new Error(`seed: no column ${name}.${c} on the target`);
      return copyField(type);
    });
    const centsAt = columns.flatMap((c, i) => (c.endsWith('_cents') ? [i] : []));
    const s: Stream = {
      table: name,
      columns,
      conv,
      centsAt,
      sums: centsAt.map(() => 0),
      rows: 0,
      pending: '',
    };
    this.streams.push(s);
    return (...values) => {
      let line = '';
      for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + conv[i](values[i]);
      s.pending += `${line}\n`;
      s.rows++;
      for (let k = 0; k < centsAt.length; k++) s.sums[k] += Number(values[centsAt[k]] ?? 0);
    };
  }

  async batch(fn: () => void): Promise<void> {
    fn();
    await Promise.all(this.streams.map((s) => this.send(s)));
  }

  private async open(s: Stream): Promise<void> {
    const client = await connectTarget(this.url);
    s.client = client;
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    s.copy = client.query(
      copyFrom(`COPY ${quoteIdent(s.table)} (${s.columns.map(quoteIdent).join(', ')}) FROM STDIN`),
    );
    const copy = s.copy;
    s.done = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve);
      copy.on('error', reject);
    });
    s.done.catch((err) => (s.failed = err));
  }

  private async send(s: Stream): Promise<void> {
    if (!s.pending) return;
    if (!s.copy) await this.open(s);
    const copy = s.copy!;
    const ok = copy.write(s.pending);
    s.pending = '';
    if (!ok && !s.failed)
      await new Promise<void>((resolve) => {
        const go = () => {
          copy.off('drain', go);
          copy.off('error', go);
          resolve();
        };
        copy.on('drain', go);
        copy.on('error', go);
      });
    if (s.failed) throw s.failed;
  }

  /** Ends every stream; commits them all if every one arrived whole, else rolls all back. */
  async end(): Promise<CopiedTable[]> {
    let failed: unknown = null;
    try {
      await Promise.all(this.streams.map((s) => this.send(s)));
      for (const s of this.streams) s.copy?.end();
      await Promise.all(this.streams.map((s) => s.done));
    } catch (err) {
      failed = err;
    }
    await Promise.all(
      this.streams.map(async (s) => {
        if (!s.client) return;
        await s.client.query(failed ? 'ROLLBACK' : 'COMMIT').catch((err) => (failed ??= err));
        await s.client.end().catch(() => undefined);
      }),
    );
    if (failed) throw failed;
    const out = new Map<string, CopiedTable>();
    for (const s of this.streams) {
      const t = out.get(s.table) ?? { table: s.table, rows: 0, cents: {} };
      t.rows += s.rows;
      s.centsAt.forEach(
        (i, k) => (t.cents[s.columns[i]] = (t.cents[s.columns[i]] ?? 0) + s.sums[k]),
      );
      out.set(s.table, t);
    }
    return [...out.values()];
  }
}
