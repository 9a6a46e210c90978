import type { Locator, Page } from 'playwright-core';

/** Settings → Staff. */
export class StaffPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('staff-panel').waitFor();
  }

  row(name: string): Locator {
    return this.page.getByTestId(`staff-row-${name}`);
  }

  private async submit() {
    await this.page.getByTestId('staff-form-submit').click();
    await this.page.getByTestId('staff-form-submit').waitFor({ state: 'detached' });
  }

  /** Add a person with the one-time PIN they are told. */
  async add(name: string, roleLabel: string, oneTimePin: string) {
    await this.page.getByTestId('staff-add').click();
    await this.page.getByTestId('staff-form-name').fill(name);
    await this.page.getByTestId('staff-form-role').click();
    await this.page.getByRole('option', { name: roleLabel, exact: true }).click();
    await this.page.getByTestId('staff-form-pin').fill(oneTimePin);
    await this.submit();
    await this.row(name).waitFor();
  }

  async deactivate(name: string, reason: string) {
    await this.page.getByTestId(`staff-status-${name}`).click();
    await this.page.getByTestId('staff-form-reason').fill(reason);
    await this.submit();
  }
}

/** The lock screen drawn over the work after idling. */
export class LockScreenPage {
  constructor(private readonly page: Page) {}

  async waitLocked(timeout = 60_000) {
    await this.page.getByTestId('lock-pin').waitFor({ timeout });
  }

  async unlock(pin: string) {
    await this.page.getByTestId('lock-pin').fill(pin);
    await this.page.getByTestId('lock-pin').press('Enter');
    await this.page.getByTestId('lock-pin').waitFor({ state: 'detached' });
  }

  async wrongPin(pin: string) {
    await this.page.getByTestId('lock-pin').fill(pin);
    await this.page.getByTestId('lock-pin').press('Enter');
    const error = this.page.getByTestId('lock-error');
    await error.waitFor();
    return error.innerText();
  }

  async switchUser() {
    await this.page.getByTestId('lock-switch-user').click();
    await this.page.getByTestId('signin-ready').waitFor();
  }
}
