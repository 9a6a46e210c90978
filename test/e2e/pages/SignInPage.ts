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

  /** Signs in with a one-time PIN (the bootstrap Admin/0000, a new person, a reset): the
   * forced "set your PIN" screen comes up instead of the app. */
  async signInOneTime(name: string, pin: string) {
    if (!(await this.page.getByTestId('pin-pad').isVisible())) await this.choose(name);
    await this.typePin(pin);
    await this.page.getByTestId('pin-change-ready').waitFor();
  }

  /** On the forced screen (or the Change-my-PIN dialog): old PIN, new PIN twice, Enter. */
  async setOwnPin(oldPin: string, newPin: string, repeat = newPin) {
    await this.page.getByTestId('pin-change-old').fill(oldPin);
    await this.page.getByTestId('pin-change-new').fill(newPin);
    await this.page.getByTestId('pin-change-repeat').fill(repeat);
    await this.page.getByTestId('pin-change-repeat').press('Enter');
  }

  /** The message the sign-in screen gives after this window's session was ended elsewhere. */
  async endedMessage() {
    const alert = this.page.getByTestId('signin-ended');
    await alert.waitFor();
    return alert.innerText();
  }

  /** Signs the current user out and the named one in (the shared counter PC). */
  async switchTo(who: { name: string; pin: string }) {
    await this.page.getByTestId('sign-out').click();
    await this.page.getByTestId('signin-ready').waitFor();
    await this.choose(who.name);
    await this.signIn(who.name, who.pin);
  }
}
