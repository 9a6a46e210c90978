import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests and CI: initdb in a temp folder and pg_ctl start on a
 * free port, as the `postgres` user (PostgreSQL refuses to run as root), no system service.
 * Trust authentication on the socket and 127.0.0.1 only.
 */
export interface PgCluster {
  dir: string;
  port: number;
  /** A connection URL for `db` on this cluster (user postgres). */
  url(db?: string): string;
  stop(): void;
}

const BIN = (() => {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort() : [];
  const v = versions.at(-1);
  return v ? path.join(base, v, 'bin') : '';
})();

/** Where the installed PostgreSQL's programs are (initdb, pg_ctl, psql). */
export const pgBin = (program: string) => path.join(BIN, program);

export const pgAvailable = () => BIN !== '' && fs.existsSync(path.join(BIN, 'initdb'));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const asPostgres = (cmd: string) => {
  const root = process.getuid?.() === 0;
  return root
    ? execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'pipe' })
    : execFileSync('/bin/sh', ['-c', cmd], { stdio: 'pipe' });
};

export async function startPgCluster(): Promise<PgCluster> {
  if (!pgAvailable()) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-pg-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const port = await freePort();
  asPostgres(
    `${BIN}/initdb -D ${data} -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null`,
  );
  // Tests want speed over durability (the durability drill sets its own cluster up).
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    `\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n`,
  );
  asPostgres(
    `${BIN}/pg_ctl -D ${data} -l ${dir}/log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1" start >/dev/null`,
  );
  return {
    dir,
    port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    stop() {
      try {
        asPostgres(`${BIN}/pg_ctl -D ${data} -m immediate -w stop >/dev/null`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
