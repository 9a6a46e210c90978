import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(url: string) {
    await this.page.goto(url);
    await this.page.getByTestId('signin-ready').waitFor();
  }

  async signIn(name: string, pin: string) {
    await this.page.getByTestId(`staff-${name}`).click();
    await this.page.getByTestId('pin-pad').waitFor();
    await this.page.getByTestId('pin-pad').locator('input').first().focus();
    await this.page.keyboard.type(pin);
    await this.page.getByTestId('app-ready').waitFor();
  }
}
