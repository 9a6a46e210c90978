import type { Locator, Page } from 'playwright-core';

export interface NewWalkIn {
  name: string;
  phone: string;
  brand: string;
  model: string;
  imei?: string;
  problem: string;
}

export class IntakePage {
  constructor(private readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async ready() {
    await this.byTestId('intake-form').waitFor();
  }

  /** Looks the phone up, then Alt+N carries it into a new customer. */
  async newCustomer(name: string, phone: string) {
    await this.byTestId('customer-lookup').fill(phone);
    await this.byTestId('customer-results').waitFor();
    await this.page.keyboard.press('Alt+N');
    await this.byTestId('new-customer').waitFor();
    await this.byTestId('customer-name').fill(name);
    if ((await this.byTestId('customer-phone').inputValue()) !== phone)
      await this.byTestId('customer-phone').fill(phone);
  }

  async newDevice(brand: string, model: string, imei?: string) {
    await this.byTestId('device-brand').fill(brand);
    await this.byTestId('device-model').fill(model);
    if (imei !== undefined) await this.byTestId('device-imei').fill(imei);
  }

  async problem(text: string) {
    await this.byTestId('ticket-problem').fill(text);
    await this.byTestId('ticket-backup-ack').check();
  }

  /** Ctrl+Enter and wait for the success panel; returns the ticket number. */
  async save(): Promise<string> {
    await this.page.keyboard.press('Control+Enter');
    await this.byTestId('intake-success').waitFor();
    return (await this.byTestId('ticket-number').innerText()).trim();
  }

  async takeNew(w: NewWalkIn) {
    await this.newCustomer(w.name, w.phone);
    await this.newDevice(w.brand, w.model, w.imei);
    await this.problem(w.problem);
    return this.save();
  }

  /** Phone → Enter picks the first match → Enter keeps the pre-selected device → problem. */
  async takeReturning(phone: string, problem: string, openTicket?: string) {
    await this.byTestId('customer-lookup').fill(phone);
    await this.byTestId('customer-result-0').waitFor();
    await this.page.keyboard.press('Enter');
    await this.byTestId('customer-chosen').waitFor();
    await this.byTestId('device-picker').waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(problem);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.press('Space');
    // The device's earlier ticket still open: the warning names it, and the person goes on.
    return openTicket ? this.saveSecondTicket(openTicket) : this.save();
  }

  /** The "draft restored" note (a draft of this person came back after a reload or screen change). */
  draftNote(): Locator {
    return this.byTestId('draft-restored');
  }

  async discardDraft() {
    await this.byTestId('draft-discard').click();
    await this.draftNote().waitFor({ state: 'detached' });
  }

  /** Types the purchase date key by key, as a person does (no fill). */
  async typePurchaseDate(date: string) {
    const input = this.byTestId('device-purchase-date');
    await input.click();
    await input.press('Control+A');
    await input.press('Backspace');
    await this.page.keyboard.type(date);
  }

  /** Ctrl+Enter expecting the open-ticket warning; continues deliberately and waits for success. */
  async saveSecondTicket(openNumber: string): Promise<string> {
    await this.page.keyboard.press('Control+Enter');
    await this.byTestId('duplicate-warning').getByText(openNumber).first().waitFor();
    await this.byTestId('duplicate-continue').click();
    await this.byTestId('intake-success').waitFor();
    return (await this.byTestId('ticket-number').innerText()).trim();
  }

  async nextWalkIn() {
    await this.page.keyboard.press('Escape');
    await this.byTestId('intake-form').waitFor();
  }

  async progress(number: string) {
    await this.byTestId('progress-input').fill(number);
    await this.byTestId('progress-input').press('Enter');
    await this.byTestId('progress-result').waitFor();
    return ((await this.byTestId('progress-status').textContent()) ?? '').trim();
  }
}
