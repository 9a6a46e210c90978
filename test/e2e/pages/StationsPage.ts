import type { Locator, Page } from 'playwright-core';

/** Settings → Stations, and the first-start name prompt over the shell. */
export class StationsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-settings').click();
    await this.panel().waitFor();
  }

  panel(): Locator {
    return this.page.getByTestId('stations-panel');
  }

  row(name: string): Locator {
    return this.page.getByTestId(`station-row-${name}`);
  }

  nameInput(): Locator {
    return this.page.getByTestId('station-name-input');
  }

  /** Answers the first-start prompt as a person does: the field has focus, type, Enter. */
  async nameThisStation(name: string) {
    const input = this.nameInput();
    await input.waitFor();
    await this.page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'station-name-input',
    );
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(name);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'detached' });
  }
}
