import type { Page } from 'playwright-core';

export class ShellPage {
  constructor(private readonly page: Page) {}

  async switchLanguage(lang: 'en' | 'zh') {
    await this.page.getByTestId(`lang-${lang}`).click();
  }

  /** Ctrl+K, type, and wait for a ticket result. */
  async searchTicket(q: string, number: string) {
    await this.page.keyboard.press('Control+K');
    const input = this.page.getByTestId('spotlight-input');
    await input.waitFor();
    await input.fill(q);
    const hit = this.page.getByTestId(`spotlight-ticket-${number}`);
    await hit.waitFor();
    return hit;
  }

  drawer() {
    return this.page.getByTestId('ticket-drawer');
  }
}
