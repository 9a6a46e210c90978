import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpInbox, type SmtpInbox } from '../helpers/smtp-inbox';
import { localCert } from '../helpers/tls-cert';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { MessageChannelsPage } from './pages/MessageChannelsPage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

/** An admin sets up e-mail for customer messages, as a person would: the shop's own mail
 * server (self-signed certificate), a test message that really arrives, a wrong password
 * explained in place, in English and Chinese. */
const OWNER = { name: 'Olivia Owner', role: 'admin', pin: '7391' };
const PASSWORD = 'shop-mail-Pa55';

describe('Settings → message channels', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let inbox: SmtpInbox;
  const shot = (name: string) =>
    page.screenshot({
      path: path.join(RESULTS_DIR, name),
      fullPage: false,
      animations: 'disabled',
    });

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    inbox = await startSmtpInbox({
      cert: await localCert(),
      users: { 'desk@shop.example.cn': PASSWORD },
    });
    harness = await startHarness();
    await createStaff(harness, [OWNER]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn(OWNER.name, OWNER.pin);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await inbox?.close();
  });

  it('sets up SMTP, sends a test e-mail that arrives, and explains a wrong password', async () => {
    const mc = new MessageChannelsPage(page);
    await mc.open();
    await mc.chooseEmail('SMTP server');
    await mc.fillSmtp({
      host: '127.0.0.1',
      port: inbox.port,
      user: 'desk@shop.example.cn',
      password: PASSWORD,
      from: 'desk@shop.example.cn',
      fromName: 'Service Centre',
    });
    await mc.uncheckCertificate();
    await mc.save();
    await page.getByText('Message channels saved.').first().waitFor();
    await expect.poll(() => mc.passwordState().textContent()).toBe('Set');
    // Write-only: the field empties once saved; the badge is all the screen ever shows again.
    expect(await page.getByTestId('mc-secret-smtpPassword').inputValue()).toBe('');

    await mc.sendTest('wang.fang@example.cn');
    await mc
      .testResult()
      .getByText('Test message sent (SMTP server).')
      .waitFor({ timeout: 30_000 });
    const mail = await inbox.next();
    expect(mail.to).toEqual(['wang.fang@example.cn']);
    expect(mail.mail.subject).toBe('Service Centre: test message');
    await mc.panel().scrollIntoViewIfNeeded();
    await shot('message-channels-en.png');

    // The SMS providers' fields, as an admin sees them before choosing (nothing saved).
    await mc.chooseSms('Twilio');
    await page.getByTestId('mc-twilio-sid').waitFor();
    await shot('message-channels-twilio-en.png');
    await mc.chooseSms('Aliyun');
    await page.getByTestId('mc-aliyun-tpl-zh').waitFor();
    await shot('message-channels-aliyun-en.png');
    await mc.chooseSms('Not used');

    await mc.setPassword('not-the-password');
    await mc.save();
    await page.getByText('Message channels saved.').first().waitFor();
    await mc.sendTest('wang.fang@example.cn');
    await mc
      .testResult()
      .getByText('The mail server refused the user name or password', { exact: false })
      .waitFor({ timeout: 30_000 });
    expect(await mc.testResult().getAttribute('data-ok')).toBe('false');
    await shot('message-channels-refused-en.png');

    await new ShellPage(page).switchLanguage('zh');
    await mc.panel().getByText('消息发送渠道').waitFor();
    await mc.sendTest('wang.fang@example.cn');
    await mc
      .testResult()
      .getByText('邮件服务器拒绝了用户名或密码', { exact: false })
      .waitFor({ timeout: 30_000 });
    await mc.panel().scrollIntoViewIfNeeded();
    await shot('message-channels-zh.png');

    // The password typed on the screen never came back from the server.
    const { token } = await harness.api<{ token: string }>('auth.login', {
      name: OWNER.name,
      pin: OWNER.pin,
    });
    const dto = await harness.api<unknown>('messageChannels.get', {}, token);
    expect(JSON.stringify(dto)).not.toContain('not-the-password');
  });
});
