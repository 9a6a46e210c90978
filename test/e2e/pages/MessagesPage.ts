import type { Locator, Page } from 'playwright-core';

/** Settings → Messages: channels, rules, templates. */
export class MessageSettingsPage {
  constructor(private readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId('messages-settings');
  }

  async open() {
    await this.page.getByTestId('nav-settings').click();
    await this.root().waitFor();
  }

  async tab(name: 'channels' | 'rules' | 'templates') {
    await this.page.getByTestId(`msgset-tab-${name}`).click();
    await this.page.getByTestId(`message-${name}`).waitFor();
  }

  /** Scrolls a part of the panel to the top of the window (for a screenshot of it). */
  async scrollTo(testId: string) {
    await this.page.getByTestId(testId).evaluate((el) => {
      el.scrollIntoView({ block: 'start', behavior: 'instant' });
      // Clear of the fixed header.
      window.scrollBy({ top: -64, behavior: 'instant' });
    });
  }

  field(testId: string): Locator {
    return this.root().getByTestId(testId);
  }

  /** Picks an option of a Mantine Select by its visible label. */
  async choose(testId: string, label: string | RegExp) {
    await this.field(testId).click();
    await this.page.getByRole('option', { name: label }).click();
  }

  async fillSmtp(s: {
    host: string;
    port: number;
    security: string | RegExp;
    user: string;
    password: string;
    from: string;
    /** The shop's own server with a self-signed certificate: its check is turned off. */
    selfSigned: boolean;
  }) {
    const on = this.field('smtp-enabled');
    if (!(await on.isChecked())) await on.check({ force: true });
    await this.field('smtp-host').fill(s.host);
    await this.field('smtp-port').fill(String(s.port));
    await this.choose('smtp-security', s.security);
    await this.field('smtp-user').fill(s.user);
    await this.field('smtp-password').fill(s.password);
    await this.field('smtp-from').fill(s.from);
    const check = this.field('smtp-check-cert');
    if ((await check.isChecked()) === s.selfSigned) await check.click({ force: true });
  }

  async saveChannels() {
    await this.field('channels-save').click();
  }

  /** Types a recipient, presses "Send test message" and returns the result line. */
  async sendTest(channel: string | RegExp, to: string): Promise<Locator> {
    await this.choose('test-channel', channel);
    await this.field('test-to').fill(to);
    await this.field('test-send').click();
    const result = this.field('test-result');
    await result.waitFor();
    return result;
  }
}

/** The Messages screen (the outbox). */
export class MessagesPage {
  constructor(private readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId('messages-page');
  }

  async open() {
    await this.page.getByTestId('nav-messages').click();
    await this.root().waitFor();
  }

  async filter(label: string | RegExp) {
    await this.root().getByTestId('messages-filter').getByText(label, { exact: true }).click();
  }

  async refresh() {
    await this.root().getByTestId('messages-refresh').click();
  }

  /** The row of the ticket's message (the newest one when several). */
  row(ticketNumber: string): Locator {
    return this.root()
      .getByTestId(/^message-\d+$/)
      .filter({ hasText: ticketNumber })
      .first();
  }

  async idOf(row: Locator): Promise<number> {
    return Number((await row.getAttribute('data-testid'))!.replace('message-', ''));
  }
}
