import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSmtpInbox, type SmtpInbox } from '../helpers/smtp-inbox';
import { localCert } from '../helpers/tls-cert';
import { workToReady } from './bench-api';
import {
  RESULTS_DIR,
  TEST_ADMIN,
  TEST_ADMIN_PIN,
  createStaff,
  launchChromium,
  startHarness,
  type Harness,
} from './harness';
import { BenchDetailPage } from './pages/BenchDetailPage';
import { BenchPage } from './pages/BenchPage';
import { fieldError } from './pages/fields';
import { IntakePage } from './pages/IntakePage';
import { MessageSettingsPage, MessagesPage } from './pages/MessagesPage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

const COUNTER = { name: 'Lin Counter', role: 'counter', pin: '1357' };
const TECH = { name: 'Wang Tech', role: 'technician', pin: '3579' };
const QC = { name: 'Chen Inspector', role: 'inspector', pin: '4680' };
const MANAGER = { name: 'Zhou Manager', role: 'manager', pin: '2468' };

/** Shop time (Asia/Shanghai, the harness's TZ), moved through the harness's clock file. */
const at = (s: string) => new Date(`${s}+08:00`).getTime();
/** A wait that fails saying what did not come, instead of running into the test's timeout. */
const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms),
    ),
  ]);
const TWILIO_SID = `AC${'a1'.repeat(16)}`;

/** A local HTTPS server that answers like Twilio's Messages API and keeps what it was sent. */
async function startFakeTwilio(cert: { key: string; cert: string }) {
  const sent: Array<{ to: string; body: string; auth: string }> = [];
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      const ok =
        req.method === 'POST' && req.url === `/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`;
      res.setHeader('content-type', 'application/json');
      if (!ok) {
        res.statusCode = 404;
        res.end(JSON.stringify({ code: 20404, message: 'Not found', status: 404 }));
        return;
      }
      const sid = `SM${String(sent.length + 1).padStart(32, '0')}`;
      sent.push({
        to: form.get('To') ?? '',
        body: form.get('Body') ?? '',
        auth: req.headers.authorization ?? '',
      });
      res.statusCode = 201;
      res.end(JSON.stringify({ sid, status: 'queued', to: form.get('To') }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('customer messages, as the shop uses them (EN/ZH)', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let inbox: SmtpInbox;
  let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
  let clockFile: string;
  let signIn: SignInPage;
  let settings: MessageSettingsPage;
  let messages: MessagesPage;
  let tokens: { counter: string; tech: string; qc: string };
  /** Ms Li prefers e-mail; Mr Zhao prefers SMS. */
  let mail: { id: number; number: string };
  let sms: { id: number; number: string };
  /** Ms Wu and Mr Sun prefer WeChat: their messages are sent by hand. */
  let wechat: { id: number; number: string };
  let wechat2: { id: number; number: string };
  const setClock = (ms: number) => fs.writeFileSync(clockFile, String(ms));
  const login = async (who: { name: string; pin: string }) =>
    (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });
  /** A new shift after the clock jumped past the 12 h sessions: everyone signs in afresh. */
  const newShift = async (who: { name: string; pin: string }) => {
    tokens = { counter: await login(COUNTER), tech: await login(TECH), qc: await login(QC) };
    await page.evaluate(() => sessionStorage.clear());
    await signIn.open(harness.url);
    await signIn.signIn(who.name, who.pin);
  };
  const switchUser = async (who: { name: string; pin: string }) => {
    await page.getByTestId('sign-out').click();
    await signIn.open(harness.url);
    await signIn.signIn(who.name, who.pin);
  };

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const dir = fs.mkdtempSync(path.join(RESULTS_DIR, 'messages-'));
    clockFile = path.join(dir, 'now');
    setClock(at('2026-11-23T10:00'));
    const cert = await localCert();
    inbox = await startSmtpInbox({ cert, users: { desk: 'mail-secret-1' } });
    twilio = await startFakeTwilio(cert);
    // The harness trusts the local "Twilio" as the shop's PC trusts the real one.
    const caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, cert.cert);
    const before = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = caFile;
    try {
      harness = await startHarness({ clockFile });
    } finally {
      if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = before;
    }
    const admin = await createStaff(harness, [COUNTER, TECH, QC, MANAGER]);
    // Every repair is checked here, so the inspector's pass is what makes a ticket ready.
    await harness.api('settings.update', { key: 'qc.sampleRate', value: 1 }, admin);
    await harness.api('settings.update', { key: 'shop.timeZone', value: 'Asia/Shanghai' }, admin);
    tokens = { counter: await login(COUNTER), tech: await login(TECH), qc: await login(QC) };
    const take = async (n: number, name: string, phone: string, email?: string) =>
      (
        await harness.api<{ ticket: { id: number; number: string } }>(
          'intake.commit',
          {
            idempotencyKey: `messages-e2e-${n}`,
            customer: { name, phone, ...(email ? { email } : {}), channel: 'our_store' },
            device: {
              type: 'phone',
              brand: 'Xiaomi',
              model: 'Redmi Note 12',
              serial: `MSG-SN-${n}`,
              purchaseDate: '2020-03-01',
              proof: 'invoice',
            },
            ticket: {
              category: 'fault',
              priority: 'normal',
              serviceMode: 'carry_in',
              problem: 'Does not charge; 不能充电',
              accessories: [],
              conditionNotes: '',
              backupAck: true,
              exclusion: 'none',
              estimateCents: 20000,
              depositCents: 0,
            },
          },
          tokens.counter,
        )
      ).ticket;
    mail = await take(1, '李娜 Li Na', '13800138001', 'li.na@example.com');
    sms = await take(2, '赵强 Zhao Qiang', '13800138002');
    wechat = await take(3, '吴芳 Wu Fang', '13800138003');
    wechat2 = await take(4, '孙伟 Sun Wei', '13800138004');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(45_000);
    signIn = new SignInPage(page);
    settings = new MessageSettingsPage(page);
    messages = new MessagesPage(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await inbox?.close();
    await twilio?.close();
  });

  it('the admin sets up e-mail over SMTP; the password shows only as set; a test message arrives', async () => {
    await signIn.open(harness.url);
    await signIn.signIn(TEST_ADMIN.name, TEST_ADMIN_PIN);
    await settings.open();
    await settings.tab('channels');
    await settings.fillSmtp({
      host: '127.0.0.1',
      port: inbox.port,
      security: 'STARTTLS',
      user: 'desk',
      password: 'mail-secret-1',
      from: 'desk@repair-shop.example',
      selfSigned: true,
    });
    await settings.saveChannels();
    // Saved: the form comes back from the server, the password as "set" and never its text.
    const password = settings.field('smtp-password');
    await page.locator('[data-testid="smtp-password"][data-set="true"]').waitFor();
    await expect(password.inputValue()).resolves.toBe('');
    await expect(password.getAttribute('placeholder')).resolves.toMatch(/^Set/);
    const result = await settings.sendTest('E-mail', 'owner@example.com');
    await expect(result.getAttribute('data-ok')).resolves.toBe('true');
    const got = await within(inbox.next(), 30_000, 'the test e-mail');
    expect(got.to).toEqual(['owner@example.com']);
    expect(got.user).toBe('desk');
    expect(got.mail.from?.value[0]?.address).toBe('desk@repair-shop.example');
  });

  it('a wrong SMTP password: the test says why, translated, and nothing arrives', async () => {
    await settings.field('smtp-password').fill('wrong-password');
    await settings.saveChannels();
    await page.locator('[data-testid="smtp-password"][data-set="true"]').waitFor();
    const result = await settings.sendTest('E-mail', 'owner@example.com');
    await expect(result.getAttribute('data-ok')).resolves.toBe('false');
    await expect(result.innerText()).resolves.toMatch(/^The test message was not sent: /);
    expect(await result.innerText()).not.toMatch(/messageChannels\.|errors\./);
    await settings.field('smtp-password').fill('mail-secret-1');
    await settings.saveChannels();
    await expect(inbox.received.length).toBe(1);
  });

  it('the admin picks Twilio for SMS and sees quiet hours 21:00–08:00 in the shop time zone', async () => {
    await settings.choose('sms-provider', 'Twilio');
    await settings.field('twilio-sid').fill(TWILIO_SID);
    await settings.field('twilio-token').fill('twilio-token-1');
    await settings.field('twilio-from').fill('+15005550006');
    await settings.field('twilio-base-url').fill(twilio.url);
    await settings.saveChannels();
    await page.locator('[data-testid="twilio-token"][data-set="true"]').waitFor();
    await settings.scrollTo('messages-settings');
    await shot('messages-settings-channels-en.png');

    await settings.tab('rules');
    await expect(settings.field('rules-quiet-from').inputValue()).resolves.toBe('21:00');
    await expect(settings.field('rules-quiet-to').inputValue()).resolves.toBe('08:00');
    await expect(settings.field('rules-quiet-zone').innerText()).resolves.toContain(
      'Asia/Shanghai',
    );
    // Ready for pickup goes the way each customer chose.
    await settings.choose('rule-channel-ready_for_pickup', "Customer's choice");
    await settings.field('rules-save').click();
    await page.getByText('Rules saved.').waitFor();
    await settings.scrollTo('messages-settings');
    await shot('messages-settings-rules-en.png');
  });

  it('the template preview on a real ticket shows the text, its length and SMS parts', async () => {
    await settings.tab('templates');
    await settings.field('preview-ticket').fill(sms.number);
    const body = settings.field('preview-body');
    await body.waitFor();
    await expect(body.innerText()).resolves.toContain(sms.number);
    await expect(settings.field('preview-sms-length').innerText()).resolves.toMatch(
      /\d+ characters · \d+ SMS/,
    );
    await settings.scrollTo('message-templates');
    await shot('messages-settings-templates-en.png');
  });

  it('the counter records consent and each customer’s channel on their record', async () => {
    await switchUser(COUNTER);
    const intake = new IntakePage(page);
    await intake.ready();
    for (const [phone, name, channel] of [
      ['13800138001', '李娜 Li Na', 'E-mail'],
      ['13800138002', '赵强 Zhao Qiang', 'SMS'],
      ['13800138003', '吴芳 Wu Fang', 'Manual (WeChat…)'],
      ['13800138004', '孙伟 Sun Wei', 'Manual (WeChat…)'],
    ] as const) {
      await intake.byTestId('customer-lookup').fill(phone);
      // Enter once the list shows this phone's customer (not the last search's).
      await intake.byTestId('customer-result-0').filter({ hasText: phone }).waitFor();
      await page.keyboard.press('Enter');
      await intake.byTestId('customer-chosen-name').getByText(name, { exact: true }).waitFor();
      await intake.byTestId('customer-messaging').waitFor();
      const consent = intake.byTestId('customer-consent');
      if (!(await consent.isChecked())) await consent.check();
      await expect(consent.isChecked()).resolves.toBe(true);
      await intake.byTestId('customer-preference').click();
      await page.getByRole('option', { name: channel, exact: true }).click();
      await expect(intake.byTestId('customer-preference').inputValue()).resolves.toBe(channel);
      // as a person waits for the save to finish before moving on to the next customer
      await expect
        .poll(() => intake.byTestId('customer-preference').isEnabled(), { timeout: 10_000 })
        .toBe(true);
      await intake.byTestId('customer-change').click();
      // Once in CI (2 cores, every e2e file at once) the lookup did not come back after this
      // click, and no run here repeated it: a person clicks again, and the log says it happened.
      const lookup = intake.byTestId('customer-lookup');
      if (
        !(await lookup.waitFor({ timeout: 10_000 }).then(
          () => true,
          () => false,
        ))
      ) {
        console.log(`messages e2e: "Change customer" needed a second click (${name})`);
        await intake.byTestId('customer-change').click();
        await lookup.waitFor();
      }
    }
  });

  it('ready for pickup: the e-mail arrives within the worker tick and shows Sent on the timeline', async () => {
    await workToQc(mail.id);
    await switchUser(QC);
    const bench = new BenchPage(page);
    const detail = new BenchDetailPage(page);
    await bench.open();
    await bench.blur();
    await bench.scan(mail.number);
    await detail.waitFor(mail.number, 'quality_check');
    await detail.score(95, 95, 95);
    await detail.byTestId('qc-save').click();
    await detail.waitFor(mail.number, 'ready');
    // The worker looks every 15 s: the mail is there within a tick or two.
    // (The approval request went out earlier, when the bench asked for the customer's yes.)
    let got = await within(inbox.next(), 60_000, 'the ready-for-pickup e-mail');
    while (!/is ready/.test(got.mail.subject ?? ''))
      got = await within(inbox.next(), 60_000, 'the ready-for-pickup e-mail');
    expect(got.to).toEqual(['li.na@example.com']);
    expect(`${got.mail.subject ?? ''} ${got.mail.text ?? ''}`).toContain(mail.number);
    await detail.close();

    await switchUser(MANAGER);
    await messages.open();
    await messages.filter('Sent');
    const row = messages.row(mail.number);
    await row.and(page.locator('[data-state="sent"]')).waitFor();
    // A badge draws its word in capitals (CSS): read the word itself.
    await expect(row.getByTestId('message-state').textContent()).resolves.toBe('Sent');
    await shot('messages-screen-en.png');

    await new ShellPage(page).searchTicket(mail.number, mail.number).then((hit) => hit.click());
    await page.getByTestId('ticket-tab-timeline').click();
    const onTimeline = page
      .getByTestId('timeline-message')
      .filter({ hasText: 'Ready for pickup' })
      .and(page.locator('[data-state="sent"]'));
    await onTimeline.waitFor();
    await expect(onTimeline.getByTestId('timeline-message-state').textContent()).resolves.toBe(
      'Sent',
    );
    await onTimeline.scrollIntoViewIfNeeded();
    await shot('messages-timeline-en.png');
    await page.keyboard.press('Escape');
    await new ShellPage(page).drawer().waitFor({ state: 'hidden' });
  });

  it('quiet hours: an SMS due at 22:00 waits, then goes at 08:00 the next morning', async () => {
    setClock(at('2026-11-23T22:00'));
    await newShift(MANAGER);
    await messages.open();
    await workToQc(sms.id);
    await harness.api(
      'qc.record',
      {
        ticketId: sms.id,
        version: await version(sms.id),
        procedure: 95,
        effectiveness: 95,
        communication: 95,
      },
      tokens.qc,
    );
    await messages.filter('Needs attention');
    await messages.refresh();
    const row = messages.row(sms.number);
    await row.waitFor();
    await shot('messages-quiet-hours-en.png');
    await row.and(page.locator('[data-state="queued"]')).waitFor();
    await expect(row.innerText()).resolves.toContain('2026-11-24 08:00');
    expect(twilio.sent).toHaveLength(0);

    setClock(at('2026-11-24T08:00:30'));
    await newShift(MANAGER);
    await messages.open();
    await messages.filter('Sent');
    // The worker's next tick (15 s) sends them; the manager presses Refresh while waiting.
    const sent = messages.row(sms.number).and(page.locator('[data-state="sent"]'));
    await expect
      .poll(
        async () => {
          if (await sent.count()) return true;
          await messages.refresh();
          return false;
        },
        { timeout: 90_000, interval: 3_000 },
      )
      .toBe(true);
    // Both held messages (the approval request and ready for pickup) went at 08:00.
    await expect.poll(() => twilio.sent.length, { timeout: 30_000 }).toBe(2);
    for (const m of twilio.sent) expect(m.to).toMatch(/13800138002$/);
    expect(twilio.sent[0].auth).toBe(
      `Basic ${Buffer.from(`${TWILIO_SID}:twilio-token-1`).toString('base64')}`,
    );
  });

  it('a WeChat message waits with its text to copy; the counter sends it and marks it sent', async () => {
    for (const tk of [wechat, wechat2]) {
      await workToReady(harness, tokens, tk.id, {
        cause: 'Charging port worn',
        estimate: [{ kind: 'labour', description: 'Replace charging port', unitCents: 20000 }],
      });
    }
    await switchUser(COUNTER);
    await messages.open();
    const row = messages.row(wechat.number);
    await row.and(page.locator('[data-state="queued"][data-channel="manual"]')).waitFor();
    const id = await messages.idOf(row);
    await expect(page.getByTestId(`message-text-${id}`).innerText()).resolves.toContain(
      wechat.number,
    );
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId(`message-copy-${id}`).click();
    await page.getByTestId(`message-copy-${id}`).getByText('Copied').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toContain(
      wechat.number,
    );
    await shot('messages-manual-en.png');
    await page.getByTestId(`message-mark-sent-${id}`).click();
    // Sent leaves "needs attention"; it is under Sent.
    await page.getByTestId(`message-${id}`).waitFor({ state: 'detached' });
    await messages.filter('Sent');
    await messages.row(wechat.number).and(page.locator('[data-state="sent"]')).waitFor();
  });

  it('the manager cancels a message, and is asked why first', async () => {
    await switchUser(MANAGER);
    await messages.open();
    const row = messages.row(wechat2.number);
    await row.and(page.locator('[data-state="queued"]')).waitFor();
    const id = await messages.idOf(row);
    await page.getByTestId(`message-cancel-${id}`).click();
    await page.getByTestId('reason-confirm').click();
    // No reason: refused on the spot, nothing cancelled.
    await expect(fieldError(page.getByTestId('reason-input'))).resolves.toBe('Say why.');
    await page.getByTestId('reason-input').fill('Customer collected it before we wrote');
    await page.getByTestId('reason-confirm').click();
    await page.getByTestId('reason-input').waitFor({ state: 'detached' });
    await page.getByTestId(`message-${id}`).waitFor({ state: 'detached' });
    await messages.filter('Cancelled');
    await messages.row(wechat2.number).and(page.locator('[data-state="cancelled"]')).waitFor();
  });

  it('the same screens in Chinese', async () => {
    const shell = new ShellPage(page);
    await shell.switchLanguage('zh');
    await messages.open();
    await messages.filter('已发送');
    await expect(messages.row(mail.number).getByTestId('message-state').innerText()).resolves.toBe(
      '已发送',
    );
    await shot('messages-screen-zh.png');
    await shell.searchTicket(mail.number, mail.number).then((hit) => hit.click());
    await page.getByTestId('ticket-tab-timeline').click();
    await expect(
      page
        .getByTestId('timeline-message')
        .first()
        .getByTestId('timeline-message-state')
        .innerText(),
    ).resolves.toBe('已发送');
    await page.getByTestId('timeline-message').last().scrollIntoViewIfNeeded();
    await shot('messages-timeline-zh.png');
    await page.keyboard.press('Escape');
    await new ShellPage(page).drawer().waitFor({ state: 'hidden' });
    await switchUser({ name: TEST_ADMIN.name, pin: TEST_ADMIN_PIN });
    await settings.open();
    await settings.tab('channels');
    await expect(settings.root().innerText()).resolves.toContain('发送测试消息');
    await settings.scrollTo('messages-settings');
    await shot('messages-settings-channels-zh.png');
    await settings.tab('rules');
    await settings.scrollTo('messages-settings');
    await shot('messages-settings-rules-zh.png');
    await settings.tab('templates');
    await settings.field('preview-ticket').fill(sms.number);
    await settings.field('preview-body').waitFor();
    await settings.scrollTo('message-templates');
    await shot('messages-settings-templates-zh.png');
  });

  /** The bench's part of the work, by API (what the bench screens send), up to quality check. */
  async function workToQc(id: number) {
    await workToReady(harness, tokens, id, {
      cause: 'Charging port worn',
      estimate: [{ kind: 'labour', description: 'Replace charging port', unitCents: 20000 }],
      stopAtQc: true,
    });
  }

  async function version(id: number) {
    return (await harness.api<{ ticket: { version: number } }>('bench.detail', { id }, tokens.tech))
      .ticket.version;
  }
});
