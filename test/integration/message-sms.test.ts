import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../main/domain/messages/channel';
import { channelFailure } from '../helpers/channel-failure';
import {
  AliyunChannel,
  aliyunSignature,
  type AliyunConfig,
} from '../../main/domain/messages/channels/aliyun';
import { ManualChannel } from '../../main/domain/messages/channels/manual';
import { TwilioChannel, type TwilioConfig } from '../../main/domain/messages/channels/twilio';
import {
  ALIYUN,
  NUMBERS,
  TWILIO,
  startFakeProviders,
  type FakeProviders,
} from '../helpers/sms-providers';
import { localCert, type TestCert } from '../helpers/tls-cert';

let cert: TestCert;
let fake: FakeProviders;

beforeAll(async () => {
  cert = await localCert();
  fake = await startFakeProviders(cert);
});
afterAll(() => fake.close());

const msg = (to: string, over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 12,
  idempotencyKey: 'msg-12-9f8e7d',
  channel: 'sms',
  to,
  subject: null,
  body: '王芳您好，您的 iPhone 13（工单 R-000123）已修好，可到维修中心取机。应付金额：¥350.00 & 谢谢!',
  language: 'zh',
  ...over,
});

const twilio = (over: Partial<TwilioConfig> = {}) =>
  new TwilioChannel({
    ...TWILIO,
    from: '+15017122661',
    messagingServiceSid: '',
    baseUrl: fake.url,
    ca: cert.cert,
    timeoutMs: 3000,
    ...over,
  });

const aliyun = (over: Partial<AliyunConfig> = {}) =>
  new AliyunChannel({
    ...ALIYUN,
    signName: '维修中心',
    templateCode: { en: 'SMS_100000001', zh: 'SMS_100000002' },
    templateParam: 'content',
    endpoint: fake.url,
    ca: cert.cert,
    timeoutMs: 3000,
    ...over,
  });

describe('Twilio Messages API', () => {
  it('POSTs the documented form with Basic auth and returns the message sid', async () => {
    const before = fake.seen.length;
    const { providerId } = await twilio().send(msg('+8613912345678'));
    expect(providerId).toMatch(/^SM[0-9a-f]{32}$/);
    const req = fake.seen[before];
    expect(req.problems).toEqual([]);
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/2010-04-01/Accounts/${TWILIO.accountSid}/Messages.json`);
    expect(req.headers.authorization).toBe(
      `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}`,
    );
    expect(Object.fromEntries(req.form!)).toEqual({
      To: '+8613912345678',
      From: '+15017122661',
      Body: msg('').body,
    });
  });

  it('sends through a Messaging Service instead of a From number when one is set', async () => {
    const before = fake.seen.length;
    const sid = 'MG' + '0123456789abcdef'.repeat(2);
    await twilio({ messagingServiceSid: sid }).send(msg('+8613912345678'));
    const form = fake.seen[before].form!;
    expect(form.get('MessagingServiceSid')).toBe(sid);
    expect(form.has('From')).toBe(false);
  });

  it.each([
    ['invalid number (21211)', NUMBERS.invalid.twilio, 'permanent', 'invalidNumber'],
    ['unsubscribed recipient (21610)', NUMBERS.unsubscribed.twilio, 'permanent', 'unsubscribed'],
    ['rate limit (20429, HTTP 429)', NUMBERS.rateLimited.twilio, 'transient', 'rateLimited'],
    ['account without credit (10001)', NUMBERS.noCredit.twilio, 'transient', 'noCredit'],
  ])('%s', async (_name, to, kind, key) => {
    const err = await channelFailure(twilio().send(msg(to)));
    expect({ kind: err.kind, key: err.key }).toEqual({
      kind,
      key: `messageChannels.errors.${key}`,
    });
    expect(err.params.provider).toBe('Twilio');
  });

  it('a wrong auth token (20003) is transient with its own reason', async () => {
    const err = await channelFailure(twilio({ authToken: 'wrong' }).send(msg('+8613912345678')));
    expect([err.kind, err.key, err.params.code]).toEqual([
      'transient',
      'messageChannels.errors.smsAuth',
      20003,
    ]);
  });

  it('a provider that takes the request and never answers: uncertain after the timeout', async () => {
    const started = Date.now();
    const err = await channelFailure(twilio({ timeoutMs: 600 }).send(msg(NUMBERS.hang.twilio)));
    expect(err.kind).toBe('uncertain');
    expect(err.key).toBe('messageChannels.errors.sendUncertain');
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('nobody listening: transient (the request surely did not leave)', async () => {
    const err = await channelFailure(
      twilio({ baseUrl: 'https://127.0.0.1:1' }).send(msg('+8613912345678')),
    );
    expect([err.kind, err.key]).toEqual([
      'transient',
      'messageChannels.errors.providerUnreachable',
    ]);
  });

  it('a server whose certificate is not trusted is refused before anything is sent', async () => {
    const before = fake.seen.length;
    const err = await channelFailure(twilio({ ca: undefined }).send(msg('+8613912345678')));
    expect(err.kind).toBe('transient');
    expect(fake.seen.length).toBe(before);
  });
});

describe('Alibaba Cloud SendSms', () => {
  it('signs as documented (the documentation example reproduces its signature)', () => {
    // help.aliyun.com "签名机制" example: DescribeRegions, AccessKey secret "testsecret".
    const params = {
      TimeStamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(aliyunSignature(params, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('sends a signed GET the server verifies; the text rides in the template variable', async () => {
    const before = fake.seen.length;
    const { providerId } = await aliyun().send(msg('13912345678'));
    expect(providerId).toMatch(/^\d+\^0$/);
    const req = fake.seen[before];
    expect(req.problems).toEqual([]);
    const q = req.query!;
    expect(q.get('PhoneNumbers')).toBe('13912345678');
    expect(q.get('SignName')).toBe('维修中心');
    expect(q.get('TemplateCode')).toBe('SMS_100000002');
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual({ content: msg('').body });
    expect(q.get('OutId')).toBe('msg-12-9f8e7d');
  });

  it('uses the English template for an English message', async () => {
    const before = fake.seen.length;
    await aliyun().send(msg('13912345678', { language: 'en', body: 'Your laptop is ready.' }));
    expect(fake.seen[before].query!.get('TemplateCode')).toBe('SMS_100000001');
  });

  it('a wrong secret: the server refuses the signature (transient, with its reason)', async () => {
    const err = await channelFailure(aliyun({ accessKeySecret: 'wrong' }).send(msg('13912345678')));
    expect([err.kind, err.key, err.params.code]).toEqual([
      'transient',
      'messageChannels.errors.smsAuth',
      'SignatureDoesNotMatch',
    ]);
  });

  it.each([
    [
      'invalid number',
      NUMBERS.invalid.aliyun,
      'permanent',
      'invalidNumber',
      'isv.MOBILE_NUMBER_ILLEGAL',
    ],
    [
      'insufficient balance',
      NUMBERS.noCredit.aliyun,
      'transient',
      'noCredit',
      'isv.AMOUNT_NOT_ENOUGH',
    ],
    [
      'rate limit',
      NUMBERS.rateLimited.aliyun,
      'transient',
      'rateLimited',
      'isv.BUSINESS_LIMIT_CONTROL',
    ],
  ])('%s', async (_name, to, kind, key, code) => {
    const err = await channelFailure(aliyun().send(msg(to)));
    expect([err.kind, err.key, err.params.code]).toEqual([
      kind,
      `messageChannels.errors.${key}`,
      code,
    ]);
  });

  it('a hung answer is uncertain after the timeout', async () => {
    const err = await channelFailure(aliyun({ timeoutMs: 600 }).send(msg(NUMBERS.hang.aliyun)));
    expect(err.kind).toBe('uncertain');
  });
});

describe('manual channel (WeChat and others)', () => {
  it('never sends: a person does, so the worker gets a permanent refusal', async () => {
    const err = await channelFailure(new ManualChannel().send());
    expect([err.kind, err.key]).toEqual(['permanent', 'messageChannels.errors.manualOnly']);
  });
});
