import type { Page } from 'playwright-core';

/** Settings → About this workstation. */
export class AboutPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('about-panel').waitFor();
  }

  /** The database line as a person reads it, once it has loaded. */
  async database(): Promise<string> {
    const line = this.page.getByTestId('about-database');
    await line.waitFor();
    await line.scrollIntoViewIfNeeded();
    return (await line.innerText()).trim();
  }
}
