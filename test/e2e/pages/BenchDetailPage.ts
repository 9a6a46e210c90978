import type { Locator, Page } from 'playwright-core';

/** The bench detail drawer of one ticket. */
export class BenchDetailPage {
  constructor(private readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId('bench-detail');
  }

  byTestId(id: string): Locator {
    return this.root().getByTestId(id);
  }

  /** Waits until the detail shows this ticket in this status. */
  async waitFor(number: string, status: string) {
    await this.page.getByTestId('bench-detail-number').getByText(number, { exact: true }).waitFor();
    await this.page.locator(`[data-testid="bench-detail"][data-status="${status}"]`).waitFor();
  }

  async status(): Promise<string | null> {
    return this.root().getAttribute('data-status');
  }

  /** Presses a move's key letter with the detail focused, then waits for the new status. */
  async pressMove(key: string, expectStatus: string) {
    await this.root().focus();
    await this.page.keyboard.press(key);
    await this.page
      .locator(`[data-testid="bench-detail"][data-status="${expectStatus}"]`)
      .waitFor();
  }

  async diagnose(cause: string, responsible: string, plan: string[]) {
    await this.byTestId('diagnosis-cause').fill(cause);
    await this.byTestId(`responsible-${responsible}`).check();
    for (const p of plan) await this.byTestId(`plan-${p}`).click();
    await this.byTestId('diagnosis-save').click();
    await this.byTestId('diagnosis-saved').waitFor();
  }

  async addEstimateLine(description: string, qty: number, price: string) {
    const before = await this.byTestId('estimate-line').count();
    await this.byTestId('estimate-description').fill(description);
    await this.byTestId('estimate-qty').fill(String(qty));
    await this.byTestId('estimate-price').fill(price);
    await this.byTestId('estimate-add').click();
    await this.byTestId('estimate-line').nth(before).waitFor();
  }

  /** Types a line and presses Add without expecting it to be taken (a refused line). */
  async tryEstimateLine(description: string, qty: string, price: string) {
    await this.byTestId('estimate-description').fill(description);
    await this.byTestId('estimate-qty').fill(qty);
    await this.byTestId('estimate-price').fill(price);
    await this.byTestId('estimate-add').click();
  }

  async recordApproval(
    decision: 'approved' | 'declined',
    channel: 'in_person' | 'phone' | 'message',
    note: string,
  ) {
    await this.byTestId(`approval-decision-${decision}`).click();
    await this.byTestId(`approval-channel-${channel}`).click();
    await this.byTestId('approval-note').fill(note);
    await this.byTestId('approval-save').click();
    await this.byTestId('approval-record').first().waitFor();
  }

  async logMinutes(minutes: number, note: string) {
    await this.byTestId('work-minutes').fill(String(minutes));
    await this.byTestId('work-note').fill(note);
    await this.byTestId('work-add').click();
    await this.byTestId('work-entry').first().waitFor();
  }

  async score(procedure: number, effectiveness: number, communication: number) {
    await this.byTestId('qc-procedure').fill(String(procedure));
    await this.byTestId('qc-effectiveness').fill(String(effectiveness));
    await this.byTestId('qc-communication').fill(String(communication));
  }

  // ---- parts (the drawer's Parts panel)

  partsSearch(): Locator {
    return this.byTestId('parts-search-ticket');
  }

  partLine(sku: string): Locator {
    return this.byTestId(`ticket-part-${sku}`);
  }

  private option(sku: string): Locator {
    return this.page.getByRole('option', { name: new RegExp(`^${sku} `) });
  }

  /** Types into "Search parts for …" as a person does and clicks the part's option. */
  async pickPartWithMouse(query: string, sku: string) {
    const input = this.partsSearch();
    await input.click();
    await input.pressSequentially(query, { delay: 25 });
    await this.option(sku).click();
  }

  /** Types, walks the list with the arrow keys to the part and picks it with Enter. */
  async pickPartWithKeyboard(query: string, sku: string) {
    const input = this.partsSearch();
    await input.click();
    await input.pressSequentially(query, { delay: 25 });
    await this.option(sku).waitFor();
    const active = this.page.locator('[role="option"][data-combobox-selected]');
    for (let i = 0; i < 25; i++) {
      await this.page.keyboard.press('ArrowDown');
      await active.waitFor();
      if ((await active.innerText()).startsWith(`${sku} `)) break;
    }
    await this.page.keyboard.press('Enter');
  }

  /** Waits for the part's line on the ticket in this state (waiting, reserved, consumed …). */
  async partState(sku: string, state: string) {
    await this.root()
      .locator(`[data-testid="ticket-part-${sku}"][data-state="${state}"]`)
      .waitFor();
  }

  /** Fit: the confirm dialog, the removed part's serial typed (if any), Enter. */
  async fitPart(sku: string, oldSerial: string) {
    await this.byTestId(`part-fit-${sku}`).click();
    const serial = this.page.getByTestId('part-old-serial');
    await serial.waitFor();
    if (oldSerial) await serial.pressSequentially(oldSerial, { delay: 15 });
    await serial.press('Enter');
  }

  async close() {
    // A dialog that is still fading out keeps the first Escape for itself, as a person would see.
    await this.page.locator('.mantine-Modal-content').waitFor({ state: 'detached' });
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('bench-drawer').waitFor({ state: 'hidden' });
  }
}
