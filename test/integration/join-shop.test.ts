import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkstation, type Workstation } from '../../main/app';
import type { IntakeResult } from '../../main/api/contract';
import { databaseChosen, saveJoin, testConnection, type JoinParams } from '../../main/db/join';
import { DB_URL_ENV, resolveDatabase } from '../../main/db/engine';
import { sqlOf } from '../../main/db/sql';
import { FileKeyProvider } from '../../main/domain/privacy/passcode-cipher';
import { ShopKeyError, publishShopKey } from '../../main/domain/privacy/shop-key';
import { addStaffWithPin, bootstrapAdmin, type ApiCaller } from '../../main/domain/staff/bootstrap';
import {
  addPasswordLogin,
  pgAvailable,
  startPgCluster,
  type PgCluster,
} from '../helpers/pg-cluster';
import { PINS } from '../helpers/pins';
import { validWalkIn } from '../helpers/walk-in';

/**
 * Two stations of one shop on one PostgreSQL database (its own cluster, a role that must give a
 * password over TCP, as a shop's server would ask): the bench station joins with the server,
 * user, password and the admin's join secret, keeps the password out of database.json, and reveals
 * a passcode the counter station took.
 */
const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const JOIN_SECRET = 'bench-joins-2026';

describe.skipIf(!pgAvailable())(
  'joining the shop database (PostgreSQL): shared passcode key',
  () => {
    let cluster: PgCluster;
    let params: JoinParams;
    const dirs: string[] = [];
    const stations: Workstation[] = [];
    // npm run test:pg names a database for every workstation by this variable; these stations
    // must open what their own database.json names, as a shop's do.
    const urlFromRun = process.env[DB_URL_ENV];
    const tmp = () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-join-'));
      dirs.push(d);
      return d;
    };
    const caller =
      (ws: Workstation): ApiCaller =>
      async (method, input, token) => {
        const res = await ws.dispatcher.call(method, input, { token, origin: 'test' });
        if (!res.ok) throw Object.assign(new Error(`${method}: ${res.error.message}`), res.error);
        return res.result;
      };

    beforeAll(async () => {
      delete process.env[DB_URL_ENV];
      cluster = await startPgCluster();
      await addPasswordLogin(cluster, { user: 'clerk', password: 'shop-pass-1', database: 'shop' });
      params = {
        host: '127.0.0.1',
        port: cluster.port,
        database: 'shop',
        user: 'clerk',
        password: 'shop-pass-1',
      };
    }, 60_000);
    afterAll(async () => {
      for (const ws of stations) await ws.close().catch(() => undefined);
      cluster?.stop();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
      if (urlFromRun) process.env[DB_URL_ENV] = urlFromRun;
    });

    it('a passcode taken at the counter station is revealed at the bench station that joined with the join secret', async () => {
      // "Test connection" with a wrong password: the translated refusal, the password never shown
      const wrong = await testConnection({ ...params, password: 'nope-nope' });
      expect(wrong.ok).toBe(false);
      if (wrong.ok) return;
      expect(wrong.error.code).toBe('ENGINE_AUTH_FAILED');
      expect(wrong.error.text('en')).toContain(`127.0.0.1:${cluster.port}/shop`);
      expect(wrong.error.text('zh')).toContain('拒绝了用户名或密码');
      expect(wrong.error.text('en')).not.toContain('nope-nope');
      expect(await testConnection(params)).toMatchObject({ ok: true, tables: 0, shopKey: false });

      // The counter station is the shop's first: it joins the empty database (no key to fetch)
      const counterDir = tmp();
      expect(databaseChosen(counterDir)).toBe(false);
      await saveJoin(counterDir, params);
      expect(databaseChosen(counterDir)).toBe(true);
      const config = fs.readFileSync(path.join(counterDir, 'database.json'), 'utf8');
      expect(config).not.toContain('shop-pass-1');
      const pwFile = path.join(counterDir, 'keys', 'database-password');
      expect(fs.statSync(pwFile).mode & 0o777).toBe(0o600);
      expect(resolveDatabase(counterDir, { env: {} })).toMatchObject({
        engine: 'postgres',
        from: 'file',
      });
      const counter = await createWorkstation({ dataDir: counterDir, now: () => NOW });
      stations.push(counter);
      expect(counter.services.engine).toBe('postgres');
      const callA = caller(counter);
      const admin = await bootstrapAdmin(callA, PINS.admin);
      await addStaffWithPin(callA, admin, { name: 'Counter', role: 'counter', pin: PINS.counter });
      await addStaffWithPin(callA, admin, {
        name: 'Tech',
        role: 'technician',
        pin: PINS.technician,
      });
      const { token: counterToken } = (await callA(
        'auth.login',
        { name: 'Counter', pin: PINS.counter },
        null,
      )) as { token: string };
      const intake = (await callA('intake.commit', validWalkIn(), counterToken)) as IntakeResult;

      // The admin shares the counter's passcode key under a join secret
      const key = new FileKeyProvider(path.join(counterDir, 'keys', 'passcode.key')).getKey();
      await publishShopKey(sqlOf(counter.services.dataSource.manager), key, JOIN_SECRET, NOW);
      const stored = await sqlOf(counter.services.dataSource.manager).get<{ wrapped: string }>(
        'SELECT wrapped FROM shop_key',
      );
      expect(stored?.wrapped).not.toContain(key.toString('base64'));
      expect(await testConnection(params)).toMatchObject({ ok: true, shopKey: true });

      // The bench station: a wrong join secret changes nothing in its folder
      const benchDir = tmp();
      const refused = await saveJoin(benchDir, params, { joinSecret: 'not-the-secret' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(ShopKeyError);
      expect((refused as ShopKeyError).code).toBe('SHOP_KEY_SECRET_WRONG');
      expect(databaseChosen(benchDir)).toBe(false);
      expect(fs.existsSync(path.join(benchDir, 'keys', 'passcode.key'))).toBe(false);

      await saveJoin(benchDir, params, { joinSecret: JOIN_SECRET });
      const benchKey = path.join(benchDir, 'keys', 'passcode.key');
      expect(fs.statSync(benchKey).mode & 0o777).toBe(0o600);
      const bench = await createWorkstation({ dataDir: benchDir, now: () => NOW });
      stations.push(bench);
      const { token: tech } = (await caller(bench)(
        'auth.login',
        { name: 'Tech', pin: PINS.technician },
        null,
      )) as { token: string };
      expect(await caller(bench)('tickets.revealPasscode', { id: intake.ticket.id }, tech)).toEqual(
        {
          passcode: '246810', // the walk-in's passcode
        },
      );
      // a station that kept its own key (never joined with the secret) cannot read it
      const loneDir = tmp();
      await saveJoin(loneDir, params);
      const lone = await createWorkstation({ dataDir: loneDir, now: () => NOW });
      stations.push(lone);
      const { token: tech2 } = (await caller(lone)(
        'auth.login',
        { name: 'Tech', pin: PINS.technician },
        null,
      )) as { token: string };
      const res = await lone.dispatcher.call(
        'tickets.revealPasscode',
        { id: intake.ticket.id },
        { token: tech2, origin: 'test' },
      );
      expect(res.ok).toBe(false);
    }, 120_000);
  },
);
