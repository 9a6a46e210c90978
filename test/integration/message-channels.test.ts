import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelSettingsDto, ChannelTestResult } from '../../main/api/contract';
import {
  ALIYUN,
  NUMBERS,
  TWILIO,
  startFakeProviders,
  type FakeProviders,
} from '../helpers/sms-providers';
import { pgBin } from '../helpers/pg-cluster';
import { startSmtpInbox, type SmtpInbox } from '../helpers/smtp-inbox';
import { localCert, type TestCert } from '../helpers/tls-cert';
import { openTestShop, type TestShop } from '../helpers/workstation';

const SMTP_PASSWORD = 'Smtp-Pa55word-never-stored-7c1e';
let cert: TestCert;
let inbox: SmtpInbox;
let fake: FakeProviders;
let shop: TestShop;
let admin: string;

beforeAll(async () => {
  cert = await localCert();
  inbox = await startSmtpInbox({ cert, users: { 'shop@example.cn': SMTP_PASSWORD } });
  fake = await startFakeProviders(cert);
  shop = await openTestShop({ messageChannels: { ca: cert.cert, timeoutMs: 3000 } });
  admin = await shop.as('admin');
});
afterAll(async () => {
  await shop.close();
  await inbox.close();
  await fake.close();
});

const smtp = () => ({
  host: '127.0.0.1',
  port: inbox.port,
  security: 'starttls' as const,
  user: 'shop@example.cn',
  fromAddress: 'shop@example.cn',
  fromName: '维修中心',
  rejectUnauthorized: true,
});
const none = { provider: 'none' as const, twilio: null, aliyun: null };
const get = () => shop.call(admin, 'messageChannels.get', {}) as Promise<ChannelSettingsDto>;
const test = (kind: 'email' | 'sms', to: string) =>
  shop.call(admin, 'messageChannels.test', { kind, to }) as Promise<ChannelTestResult>;
const settingRow = () => shop.sql.get("SELECT value FROM setting WHERE key = 'messages.channels'");
const secretFile = () => path.join(shop.dataDir, 'keys', 'message-channels.json');

describe('Settings → Messages → channels', () => {
  it('starts with no channel and no secret; a test says so', async () => {
    expect(await get()).toEqual({
      settings: { email: { provider: 'none', smtp: null }, sms: none },
      secrets: { smtpPassword: false, twilioAuthToken: false, aliyunAccessKeySecret: false },
    });
    expect(await test('email', 'wang.fang@example.cn')).toEqual({
      ok: false,
      kind: null,
      key: 'messageChannels.errors.notConfigured',
      params: {},
    });
  });

  it('saves SMTP; the password is shown only as set and kept out of the database and audit', async () => {
    const saved = (await shop.call(admin, 'messageChannels.save', {
      email: { provider: 'smtp', smtp: smtp() },
      sms: none,
      secrets: { smtpPassword: SMTP_PASSWORD },
    })) as ChannelSettingsDto;
    expect(saved.secrets.smtpPassword).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(SMTP_PASSWORD);
    expect((await get()).settings.email.smtp).toEqual(smtp());
    expect(JSON.stringify(await get())).not.toContain(SMTP_PASSWORD);

    // In a 0600 file under <data>/keys ...
    const file = secretFile();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain(SMTP_PASSWORD);
    // ... and nowhere else in the data folder: not the database, its WAL, nor a backup of it.
    await shop.call(admin, 'safety.backupNow', {});
    if (shop.sql.engine === 'sqlite') await shop.sql.all('PRAGMA wal_checkpoint(TRUNCATE)');
    const files = (fs.readdirSync(shop.dataDir, { recursive: true }) as string[]).filter(
      (f) => !f.startsWith('keys') && fs.statSync(path.join(shop.dataDir, f)).isFile(),
    );
    expect(files.some((f) => f.includes('backups'))).toBe(true);
    const holding = files.filter((f) =>
      fs.readFileSync(path.join(shop.dataDir, f)).includes(SMTP_PASSWORD),
    );
    expect(holding).toEqual([]);
    if (shop.dbUrl) {
      // PostgreSQL: the database is on the server and its backups are compressed; the whole
      // database as plain SQL holds the non-secret settings and not the password.
      const dump = execFileSync(pgBin('pg_dump'), ['-d', shop.dbUrl], { encoding: 'utf8' });
      expect(dump).toContain('"fromName":"维修中心"');
      expect(dump).not.toContain(SMTP_PASSWORD);
    } else {
      // (The scan can see settings: the backup holds the non-secret ones in plain bytes.)
      const backup = files.find((f) => f.endsWith('.sqlite') && f.includes('backups'))!;
      expect(
        fs.readFileSync(path.join(shop.dataDir, backup)).includes('"fromName":"维修中心"'),
      ).toBe(true);
    }
    const audit = await shop.sql.all(
      "SELECT * FROM audit_entry WHERE action = 'messageChannels.save'",
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(SMTP_PASSWORD);
    const details = JSON.parse((audit[0] as { details: string }).details) as Record<
      string,
      unknown
    >;
    expect(details.secrets).toEqual({ smtpPassword: 'replaced' });
  });

  it('"Send test message" delivers a real e-mail in the shop language', async () => {
    await shop.call(admin, 'settings.update', { key: 'print.language', value: 'zh' });
    const res = await test('email', 'wang.fang@example.cn');
    expect(res).toMatchObject({ ok: true, provider: 'smtp' });
    const got = await inbox.next();
    expect(got.to).toEqual(['wang.fang@example.cn']);
    expect(got.user).toBe('shop@example.cn');
    expect(got.mail.subject).toBe('Service Centre：测试消息');
    expect(got.mail.text).toContain('测试消息');
  });

  it('a wrong password: the test answers with the translated reason, and nothing arrives', async () => {
    await shop.call(admin, 'messageChannels.save', {
      email: { provider: 'smtp', smtp: smtp() },
      sms: none,
      secrets: { smtpPassword: 'not-the-password' },
    });
    const before = inbox.received.length;
    expect(await test('email', 'wang.fang@example.cn')).toMatchObject({
      ok: false,
      kind: 'transient',
      key: 'messageChannels.errors.smtpAuth',
    });
    expect(inbox.received.length).toBe(before);
    const row = (await shop.sql.get<{ outcome: string; details: string }>(
      "SELECT outcome, details FROM audit_entry WHERE action = 'messageChannels.test' ORDER BY id DESC LIMIT 1",
    ))!;
    expect(row.outcome).toBe('success');
    expect(row.details).toContain('messageChannels.errors.smtpAuth');
    expect(row.details).not.toContain('not-the-password');
  });

  it('Twilio through the API: the test SMS reaches the provider; an invalid number is refused', async () => {
    await shop.call(admin, 'messageChannels.save', {
      email: { provider: 'smtp', smtp: smtp() },
      sms: {
        provider: 'twilio',
        twilio: {
          accountSid: TWILIO.accountSid,
          from: '+15017122661',
          messagingServiceSid: '',
          baseUrl: fake.url,
        },
        aliyun: null,
      },
      secrets: { twilioAuthToken: TWILIO.authToken },
    });
    const before = fake.seen.length;
    expect(await test('sms', '+8613912345678')).toMatchObject({ ok: true, provider: 'twilio' });
    expect(fake.seen[before].problems).toEqual([]);
    expect(fake.seen[before].form?.get('Body')).toContain('测试消息');
    expect(await test('sms', NUMBERS.invalid.twilio)).toMatchObject({
      ok: false,
      kind: 'permanent',
      key: 'messageChannels.errors.invalidNumber',
    });
    // The other secrets were kept (absent = unchanged).
    expect((await get()).secrets).toEqual({
      smtpPassword: true,
      twilioAuthToken: true,
      aliyunAccessKeySecret: false,
    });
  });

  it('switching to Aliyun needs its AccessKey secret; with it, the signed request is accepted', async () => {
    const aliyun = {
      accessKeyId: ALIYUN.accessKeyId,
      signName: '维修中心',
      templateCode: { en: 'SMS_100000001', zh: 'SMS_100000002' },
      templateParam: 'content',
      endpoint: fake.url,
    };
    const input = {
      email: { provider: 'smtp', smtp: smtp() },
      sms: { provider: 'aliyun', twilio: null, aliyun },
    };
    const refused = await shop.fail(admin, 'messageChannels.save', input);
    expect(refused.code).toBe('VALIDATION');
    expect(refused.details?.issues?.[0]).toMatchObject({
      path: 'secrets.aliyunAccessKeySecret',
      key: 'messageChannels.errors.secretMissing',
    });
    expect((await get()).settings.sms.provider).toBe('twilio');
    await shop.call(admin, 'messageChannels.save', {
      ...input,
      secrets: { aliyunAccessKeySecret: ALIYUN.accessKeySecret },
    });
    const before = fake.seen.length;
    expect(await test('sms', '13912345678')).toMatchObject({ ok: true, provider: 'aliyun' });
    expect(fake.seen[before].problems).toEqual([]);
  });

  it('a cleared secret is gone from the file', async () => {
    await shop.call(admin, 'messageChannels.save', {
      email: { provider: 'smtp', smtp: smtp() },
      sms: none,
      secrets: { twilioAuthToken: null, aliyunAccessKeySecret: null },
    });
    expect((await get()).secrets).toEqual({
      smtpPassword: true,
      twilioAuthToken: false,
      aliyunAccessKeySecret: false,
    });
    expect(fs.readFileSync(secretFile(), 'utf8')).not.toContain(TWILIO.authToken);
  });

  it('bad input is refused with a field reason and changes nothing', async () => {
    const row = await settingRow();
    const file = fs.readFileSync(secretFile());
    const bad: Array<[unknown, string]> = [
      [
        { email: { provider: 'smtp', smtp: { ...smtp(), port: 70000 } }, sms: none },
        'email.smtp.port',
      ],
      [{ email: { provider: 'smtp', smtp: null }, sms: none }, 'email.smtp'],
      [
        {
          email: { provider: 'smtp', smtp: { ...smtp(), host: 'mail server; rm -rf' } },
          sms: none,
        },
        'email.smtp.host',
      ],
      [
        {
          email: { provider: 'smtp', smtp: { ...smtp(), fromAddress: 'not-an-address' } },
          sms: none,
        },
        'email.smtp.fromAddress',
      ],
      [
        {
          email: { provider: 'none', smtp: null },
          sms: {
            provider: 'twilio',
            twilio: { accountSid: 'XX12', from: '+15017122661', messagingServiceSid: '' },
            aliyun: null,
          },
          secrets: { twilioAuthToken: 'x' },
        },
        'sms.twilio.accountSid',
      ],
      [
        {
          email: { provider: 'none', smtp: null },
          sms: {
            provider: 'twilio',
            twilio: {
              accountSid: TWILIO.accountSid,
              from: '',
              messagingServiceSid: '',
              baseUrl: 'http://evil.example',
            },
            aliyun: null,
          },
        },
        'sms.twilio.baseUrl',
      ],
      [
        {
          email: { provider: 'none', smtp: null },
          sms: none,
          secrets: { smtpPassword: 'a\r\nRCPT TO:<x>' },
        },
        'secrets.smtpPassword',
      ],
    ];
    for (const [input, pathName] of bad) {
      const err = await shop.fail(admin, 'messageChannels.save', input);
      expect(err.code).toBe('VALIDATION');
      expect(err.details?.issues?.map((i) => i.path)).toContain(pathName);
    }
    const badTests: Array<[unknown, string]> = [
      [{ kind: 'email', to: '13912345678' }, 'to'],
      [{ kind: 'sms', to: 'wang.fang@example.cn' }, 'to'],
      [{ kind: 'fax', to: '1' }, 'kind'],
    ];
    for (const [input, pathName] of badTests) {
      const err = await shop.fail(admin, 'messageChannels.test', input);
      expect(err.code).toBe('VALIDATION');
      expect(err.details?.issues?.map((i) => i.path)).toContain(pathName);
    }
    expect(await settingRow()).toEqual(row);
    expect(fs.readFileSync(secretFile()).equals(file)).toBe(true);
  });

  it('only an admin may see or change channels', async () => {
    const manager = await shop.as('manager');
    for (const [m, input] of [
      ['messageChannels.get', {}],
      ['messageChannels.save', { email: { provider: 'none', smtp: null }, sms: none }],
      ['messageChannels.test', { kind: 'email', to: 'a@b.cn' }],
    ] as const) {
      expect((await shop.fail(manager, m, input)).code).toBe('FORBIDDEN');
    }
  });
});
