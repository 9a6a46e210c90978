import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../main/domain/messages/channel';
import { channelFailure } from '../helpers/channel-failure';
import { SmtpChannel, type SmtpConfig } from '../../main/domain/messages/channels/smtp';
import { startSmtpInbox, type SmtpInbox } from '../helpers/smtp-inbox';
import { localCert, type TestCert } from '../helpers/tls-cert';

let cert: TestCert;
let starttls: SmtpInbox;
let implicit: SmtpInbox;
const USERS = { 'shop@example.cn': 'right-password' };

beforeAll(async () => {
  cert = await localCert();
  starttls = await startSmtpInbox({ cert, users: USERS, rejectRecipients: ['nobody@example.cn'] });
  implicit = await startSmtpInbox({ cert, users: USERS, secure: true });
});
afterAll(async () => {
  await starttls.close();
  await implicit.close();
});

const zh: OutgoingMessage = {
  id: 7,
  idempotencyKey: 'msg-7-a1b2c3',
  channel: 'email',
  to: 'wang.fang@example.cn',
  subject: '您的设备已修好（工单 R-000123）',
  body: '王芳您好，您的 iPhone 13（工单 R-000123）已修好，可到维修中心取机。应付金额：¥350.00。',
  language: 'zh',
};

const config = (port: number, over: Partial<SmtpConfig> = {}): SmtpConfig => ({
  host: '127.0.0.1',
  port,
  security: 'starttls',
  user: 'shop@example.cn',
  password: 'right-password',
  fromAddress: 'shop@example.cn',
  fromName: '维修中心 Service Centre',
  rejectUnauthorized: true,
  ca: cert.cert,
  timeoutMs: 5000,
  ...over,
});

describe('e-mail over SMTP', () => {
  it('STARTTLS with auth: the Chinese subject and body arrive intact, with the Message-ID', async () => {
    const { providerId } = await new SmtpChannel(config(starttls.port)).send(zh);
    const got = await starttls.next();
    expect(got.secure).toBe(true);
    expect(got.user).toBe('shop@example.cn');
    expect(got.to).toEqual(['wang.fang@example.cn']);
    expect(got.mail.subject).toBe(zh.subject);
    expect(got.mail.text?.trim()).toBe(zh.body);
    expect(got.mail.from?.value[0]).toEqual({
      address: 'shop@example.cn',
      name: '维修中心 Service Centre',
    });
    expect(got.mail.messageId).toBe('<msg-7-a1b2c3@example.cn>');
    expect(providerId).toBe('<msg-7-a1b2c3@example.cn>');
    // MIME as sent: UTF-8 declared, the subject as an encoded word (no raw 8-bit header).
    const head = got.raw.toString('latin1').split('\r\n\r\n')[0];
    expect(head).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(head).toMatch(/charset=utf-8/i);
    // The mail exactly as the server received it, for the note.
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(path.join('test-results', 'smtp-received-zh.eml'), got.raw);
  });

  it('a re-send of the same message carries the same Message-ID', async () => {
    await new SmtpChannel(config(starttls.port)).send(zh);
    const again = await starttls.next();
    expect(again.mail.messageId).toBe('<msg-7-a1b2c3@example.cn>');
  });

  it('implicit TLS (port 465 style)', async () => {
    await new SmtpChannel(config(implicit.port, { security: 'tls' })).send({
      ...zh,
      language: 'en',
      subject: 'Your device is ready',
      body: 'Hello, your laptop is ready.',
    });
    const got = await implicit.next();
    expect(got.secure).toBe(true);
    expect(got.mail.subject).toBe('Your device is ready');
  });

  it('a self-signed server is refused unless the shop turns certificate checks off', async () => {
    const strict = await channelFailure(
      new SmtpChannel(config(implicit.port, { security: 'tls', ca: undefined })).send(zh),
    );
    expect(strict.kind).toBe('transient');
    expect(strict.key).toBe('messageChannels.errors.smtpTls');
    await new SmtpChannel(
      config(implicit.port, { security: 'tls', ca: undefined, rejectUnauthorized: false }),
    ).send(zh);
    expect((await implicit.next()).mail.subject).toBe(zh.subject);
  });

  it('a wrong password fails with a translated reason and is retried later (transient)', async () => {
    const before = starttls.received.length;
    const err = await channelFailure(
      new SmtpChannel(config(starttls.port, { password: 'wrong' })).send(zh),
    );
    expect(err.kind).toBe('transient');
    expect(err.key).toBe('messageChannels.errors.smtpAuth');
    expect(err.params.code).toBe(535);
    expect(starttls.received.length).toBe(before);
  });

  it('a recipient the server refuses (550) is permanent', async () => {
    const err = await channelFailure(
      new SmtpChannel(config(starttls.port)).send({ ...zh, to: 'nobody@example.cn' }),
    );
    expect(err.kind).toBe('permanent');
    expect(err.key).toBe('messageChannels.errors.emailRejected');
  });

  it('nobody listening: transient, nothing could have been sent', async () => {
    const err = await channelFailure(new SmtpChannel(config(1)).send(zh));
    expect(err.kind).toBe('transient');
    expect(err.key).toBe('messageChannels.errors.smtpConnection');
  });

  it('the server takes the text and never answers: uncertain, never repeated automatically', async () => {
    const hung = await startSmtpInbox({ cert, users: USERS, hangAfterData: true });
    try {
      const err = await channelFailure(
        new SmtpChannel(config(hung.port, { timeoutMs: 800 })).send(zh),
      );
      expect(err.kind).toBe('uncertain');
      expect(err.key).toBe('messageChannels.errors.sendUncertain');
    } finally {
      await hung.close();
    }
  });
});
