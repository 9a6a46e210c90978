import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkstation, type Workstation, type WorkstationOptions } from '../../main/app';
import type { ApiErrorBody } from '../../main/api/errors';
import type { Role } from '../../main/api/permissions';
import { sqlOf, type Sql } from '../../main/db/sql';
import type { DeviceRuntimeOptions } from '../../main/devices/device-runtime';
import { addStaffWithPin, bootstrapAdmin, type ApiCaller } from '../../main/domain/staff/bootstrap';
import { dropPgDatabase, freshPgDatabase, pgScalarSync, testOnPostgres } from './pg-test-db';
import { PINS } from './pins';

/** TEST_DB=postgres: the database of each test shop's data folder (a reopen finds its own). */
const pgDatabases = new Map<string, string>();

export interface TestShop {
  ws: Workstation;
  dataDir: string;
  clock: { now: number };
  /** Sign in as a staff member of that role (created on first use); returns the token. The
   * admin is the bootstrap Admin, whose 0000 was replaced by PINS.admin on first use. */
  as(role: Role): Promise<string>;
  /** Adds a person as an admin would, then sets their own `pin` as they would at first sign-in. */
  addStaff(staff: { name: string; role: Role; pin: string }): Promise<{ id: number }>;
  call(token: string | null, method: string, input: unknown): Promise<unknown>;
  fail(token: string | null, method: string, input: unknown): Promise<ApiErrorBody>;
  count(table: string): number;
  /** Hand-written SQL on the shop's database, either engine (`?` placeholders). */
  readonly sql: Sql;
  /** TEST_DB=postgres: the shop database's URL (a CLI's `--db`); undefined on SQLite. */
  readonly dbUrl: string | undefined;
  /** Rows per table, in one statement on either engine (fast where `count` is not). */
  counts(tables: readonly string[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export { PINS, TEST_ADMIN, TEST_ADMIN_PIN } from './pins';

/** A fresh shop in its own temp folder with the real migrations and a controllable clock. */
export async function openTestShop(
  opts: {
    start?: number;
    dataDir?: string;
    /** TEST_DB=postgres: open this database (already filled) instead of a fresh one. */
    dbUrl?: string;
    devices?: DeviceRuntimeOptions;
    messages?: WorkstationOptions['messages'];
    /** Trust a local test server's certificate, answer sooner (message channel tests). */
    messageChannels?: { ca?: string; timeoutMs?: number };
    /** Play an app of this version (the version gate's tests). */
    appVersion?: string;
  } = {},
): Promise<TestShop> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ws-test-'));
  const tokens = new Map<Role, string>();
  let now = opts.start ?? Date.parse('2026-11-23T10:00:00+08:00');
  // Tests jump the clock by days. The role sessions `as()` hands out stay signed in across a
  // jump, as the same people would sign in again each morning; any other session (a test's own
  // `auth.login`) expires after `auth.sessionHours` as it would in the shop.
  const clock = {
    get now() {
      return now;
    },
    set now(v: number) {
      now = v;
      for (const token of tokens.values()) {
        const session = ws.services.sessions.get(token);
        if (session) session.createdAt = v;
      }
    },
  };
  let dbUrl: string | undefined;
  if (testOnPostgres) {
    dbUrl = opts.dbUrl ?? pgDatabases.get(dataDir) ?? (await freshPgDatabase());
    pgDatabases.set(dataDir, dbUrl);
  }
  const ws = await createWorkstation({
    dataDir,
    dbUrl,
    now: () => clock.now,
    devices: opts.devices,
    messages: opts.messages,
    messageChannels: opts.messageChannels,
    appVersion: opts.appVersion,
    logger: { error: (m, e) => console.error(m, e) },
  });
  const call = async (token: string | null, method: string, input: unknown) => {
    const res = await ws.dispatcher.call(method, input, { token, origin: 'test' });
    if (!res.ok)
      throw Object.assign(new Error(`${method}: ${res.error.code} ${res.error.message}`), {
        body: res.error,
      });
    return res.result;
  };
  const caller: ApiCaller = (method, input, token) => call(token, method, input);
  const shop: TestShop = {
    ws,
    dataDir,
    clock,
    call,
    async fail(token, method, input) {
      const res = await ws.dispatcher.call(method, input, { token, origin: 'test' });
      if (res.ok)
        throw new Error(
          `${method} was expected to fail but returned ${JSON.stringify(res.result)}`,
        );
      return res.error;
    },
    async as(role) {
      const known = tokens.get(role);
      if (known) return known;
      const admin = tokens.get('admin') ?? (await bootstrapAdmin(caller, PINS.admin));
      tokens.set('admin', admin);
      if (role === 'admin') return admin;
      const name = `Test ${role}`;
      const exists = ((await call(null, 'auth.staff', {})) as Array<{ name: string }>).some(
        (s) => s.name === name,
      );
      if (!exists) await addStaffWithPin(caller, admin, { name, role, pin: PINS[role] });
      const login = (await call(null, 'auth.login', { name, pin: PINS[role] })) as {
        token: string;
      };
      tokens.set(role, login.token);
      return login.token;
    },
    async addStaff(staff) {
      return addStaffWithPin(caller, await shop.as('admin'), staff);
    },
    get sql() {
      return sqlOf(ws.services.dataSource.manager);
    },
    dbUrl,
    async counts(tables) {
      const row = await shop.sql.get<Record<string, number>>(
        `SELECT ${tables.map((t, i) => `(SELECT count(*) FROM ${t}) AS n${i}`).join(', ')}`,
      );
      return Object.fromEntries(tables.map((t, i) => [t, Number(row?.[`n${i}`])]));
    },
    count(table) {
      if (dbUrl) return Number(pgScalarSync(dbUrl, `SELECT count(*) FROM ${table}`));
      return (ws.services.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number })
        .n;
    },
    async close() {
      if (ws.services.dataSource.isInitialized) await ws.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dbUrl) {
        pgDatabases.delete(dataDir);
        await dropPgDatabase(dbUrl);
      }
    },
  };
  return shop;
}

export { validWalkIn } from './walk-in';
