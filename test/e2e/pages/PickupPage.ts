import type { Page } from 'playwright-core';

/** The pickup screen and its after-sales tabs. */
export class PickupPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-pickup').click();
    await this.page.getByTestId('pickup-page').waitFor();
  }

  async tab(name: 'desk' | 'callbacks' | 'tasks' | 'complaints' | 'returns') {
    await this.page.getByTestId(`tab-${name}`).click();
  }

  async find(number: string) {
    await this.page.getByTestId('pickup-lookup').fill(number);
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('pickup-ticket').waitFor();
  }

  async due() {
    return this.page.getByTestId('invoice-due').innerText();
  }

  async setPayment(i: number, method: string, amount: string) {
    if ((await this.page.getByTestId(`payment-row-${i}`).count()) === 0) {
      await this.page.getByTestId('payment-add').click();
    }
    await this.page.getByTestId(`payment-method-${i}`).click();
    await this.page.getByRole('option', { name: method, exact: true }).click();
    await this.page.getByTestId(`payment-amount-${i}`).fill(amount);
  }

  /** Signs with the mouse: a few strokes across the pad. */
  async sign() {
    const pad = this.page.getByTestId('signature-pad');
    // at 1366×768 the pad sits below the fold: strokes off screen draw nothing
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await this.page.mouse.move(box.x + 30, box.y + box.height * 0.6);
    await this.page.mouse.down();
    for (let i = 1; i <= 20; i++) {
      await this.page.mouse.move(
        box.x + 30 + i * 15,
        box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)),
        { steps: 2 },
      );
    }
    await this.page.mouse.up();
  }

  async complete() {
    await this.page.getByTestId('pickup-complete').click();
    await this.page.getByTestId('pickup-done').waitFor();
  }
}
