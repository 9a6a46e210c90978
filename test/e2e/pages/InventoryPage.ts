import type { Locator, Page } from 'playwright-core';

/** The spare-parts screen: tabs for parts, receiving, orders, low stock and counting. */
export class InventoryPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-inventory').click();
    await this.page.getByTestId('inventory-page').waitFor();
  }

  async tab(name: 'parts' | 'receive' | 'orders' | 'low' | 'count' | 'suppliers' | 'io') {
    await this.page.getByTestId(`inv-tab-${name}`).click();
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** Drops a CSV onto the import tab's drop zone (the file chooser behind it). */
  async chooseImportFile(name: string, buffer: Buffer) {
    await this.page
      .getByTestId('import-dropzone')
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer });
  }

  /** A scanner types the code and presses Enter into the focused scan field. */
  async scanInto(field: string, code: string) {
    const input = this.page.getByTestId(field);
    await input.click();
    await input.fill(code);
    await input.press('Enter');
  }

  async pickOption(select: string, label: string) {
    await this.page.getByTestId(select).click();
    await this.page.getByRole('option', { name: label }).click();
  }

  async openPart(sku: string) {
    await this.tab('parts');
    await this.page.getByTestId('parts-search').fill(sku);
    await this.page.getByTestId(`part-row-${sku}`).click();
    await this.page.getByTestId('part-detail').waitFor();
  }

  async closeDrawer() {
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('part-detail').waitFor({ state: 'detached' });
  }

  /** A field of the part form (data-testid part-form-<name>). */
  formField(name: string): Locator {
    return this.page.getByTestId(`part-form-${name}`);
  }

  /** A scanner into a TagsInput: the code, then Enter adds it as a tag. */
  async scanTag(field: Locator, code: string) {
    await field.click();
    await field.pressSequentially(code, { delay: 5 });
    await field.press('Enter');
  }

  /** Type into a searchable select and choose the option whose label matches. */
  async searchAndPick(select: string, query: string, option: RegExp | string) {
    const input = this.page.getByTestId(select);
    await input.click();
    await input.fill(query);
    await this.page.getByRole('option', { name: option }).click();
  }

  /** The validation message under a field: Mantine gives it the input's id + "-error". */
  async fieldError(testId: string): Promise<string> {
    const input = this.page.locator(`[data-testid="${testId}"][aria-invalid="true"]`);
    await input.waitFor();
    const id = await input.getAttribute('id');
    return this.page.locator(`[id="${id}-error"]`).innerText();
  }

  /** Closes the open modal with its close button (Escape may belong to an open dropdown). */
  async closeModal() {
    await this.page.locator('.mantine-Modal-close').click();
    await this.page.locator('.mantine-Modal-content').waitFor({ state: 'detached' });
  }
}
