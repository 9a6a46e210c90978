import type { Locator, Page } from 'playwright-core';

/** Settings → Message channels: providers, credentials and the test message. */
export class MessageChannelsPage {
  constructor(private readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('message-channels-panel');
  }

  async open() {
    await this.page.getByTestId('nav-settings').click();
    await this.panel().waitFor();
    await this.panel().scrollIntoViewIfNeeded();
  }

  async chooseEmail(label: string) {
    await this.page.getByTestId('mc-email-provider').getByText(label, { exact: true }).click();
  }

  async chooseSms(label: string) {
    await this.page.getByTestId('mc-sms-provider').getByText(label, { exact: true }).click();
  }

  async fillSmtp(s: {
    host: string;
    port: number;
    user: string;
    password: string;
    from: string;
    fromName: string;
  }) {
    await this.page.getByTestId('mc-smtp-host').fill(s.host);
    await this.page.getByTestId('mc-smtp-port').fill(String(s.port));
    await this.page.getByTestId('mc-smtp-user').fill(s.user);
    await this.page.getByTestId('mc-secret-smtpPassword').fill(s.password);
    await this.page.getByTestId('mc-smtp-from').fill(s.from);
    await this.page.getByTestId('mc-smtp-from-name').fill(s.fromName);
  }

  async setPassword(password: string) {
    await this.page.getByTestId('mc-secret-smtpPassword').fill(password);
  }

  async uncheckCertificate() {
    await this.page.getByTestId('mc-smtp-verify').uncheck();
  }

  async save() {
    await this.page.getByTestId('mc-save').click();
  }

  passwordState(): Locator {
    return this.page.getByTestId('mc-secret-smtpPassword-state');
  }

  /** Type the address and press Enter, as a person at the keyboard would. */
  async sendTest(to: string) {
    const input = this.page.getByTestId('mc-test-to');
    await input.fill('');
    await input.click();
    await this.page.keyboard.type(to);
    await this.page.keyboard.press('Enter');
  }

  testResult(): Locator {
    return this.page.getByTestId('mc-test-result');
  }
}
