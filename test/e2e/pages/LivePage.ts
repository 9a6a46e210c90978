import type { Page } from 'playwright-core';

/** The "reconnecting to the shop's database" banner and the read-only screen under it. */
export class LivePage {
  constructor(private readonly page: Page) {}

  banner() {
    return this.page.getByTestId('live-banner');
  }

  /** Whether the screen's fields and buttons are disabled (read-only while reconnecting). */
  readOnly(): Promise<boolean> {
    return this.page
      .getByTestId('live-fieldset')
      .evaluate((f) => (f as HTMLFieldSetElement).disabled);
  }
}
