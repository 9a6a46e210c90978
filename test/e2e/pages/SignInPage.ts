import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(url: string) {
    await this.page.goto(url);
    await this.page.getByTestId('signin-ready').waitFor();
  }

  async choose(name: string) {
    await this.page.getByTestId(`staff-${name}`).click();
    await this.page.getByTestId('pin-pad').waitFor();
  }

  async typePin(pin: string) {
    await this.page.getByTestId('pin-input').focus();
    await this.page.keyboard.type(pin);
    await this.page.keyboard.press('Enter');
  }

  /** A wrong PIN: returns the translated error shown. */
  async wrongPin(name: string, pin: string) {
    await this.choose(name);
    await this.typePin(pin);
    const error = this.page.getByTestId('signin-error');
    await error.waitFor();
    return error.innerText();
  }

  /** After a wrong PIN: types straight on (no click, no focus) and presses Enter, as a person does. */
  async retype(pin: string) {
    await this.page.keyboard.type(pin);
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('app-ready').waitFor();
  }

  async signIn(name: string, pin: string) {
    if (!(await this.page.getByTestId('pin-pad').isVisible())) await this.choose(name);
    await this.typePin(pin);
    await this.page.getByTestId('app-ready').waitFor();
  }

  /** Signs the current user out and the named one in (the shared counter PC). */
  async switchTo(who: { name: string; pin: string }) {
    await this.page.getByTestId('sign-out').click();
    await this.page.getByTestId('signin-ready').waitFor();
    await this.choose(who.name);
    await this.signIn(who.name, who.pin);
  }
}
