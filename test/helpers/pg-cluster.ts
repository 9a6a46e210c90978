import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

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

/**
 * A login role that must give its password over TCP, as a shop's server asks (the rest of the
 * cluster still trusts everyone), and a new database it owns. Returns that database's URL
 * with the user and password.
 */
export async function addPasswordLogin(
  cluster: PgCluster,
  login: { user: string; password: string; database: string },
): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  try {
    const user = admin.escapeIdentifier(login.user);
    await admin.query(`CREATE ROLE ${user} LOGIN PASSWORD ${admin.escapeLiteral(login.password)}`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(login.database)} OWNER ${user}`);
    const hba = path.join(cluster.dir, 'data', 'pg_hba.conf');
    fs.writeFileSync(
      hba,
      `host all ${user} 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, 'utf8')}`,
    );
    await admin.query('SELECT pg_reload_conf()');
  } finally {
    await admin.end();
  }
  const url = new URL(cluster.url(login.database));
  url.username = login.user;
  url.password = login.password;
  return url.toString();
}
