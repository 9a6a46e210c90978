import type { Download, Locator, Page } from 'playwright-core';

/** The print-queue drawer behind the printer badge in the header. */
export class PrintQueuePage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('print-queue-open').click();
    await this.panel().waitFor();
    // Let the drawer finish sliding in (screenshots, clicks on a moving target).
    await this.page
      .locator('.mantine-Drawer-content')
      .evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  }

  panel(): Locator {
    return this.page.getByTestId('print-queue-panel');
  }

  noPrinterHint(): Locator {
    return this.page.getByTestId('print-queue-no-printer');
  }

  /** The row of a job, found by what it says (its kind, in the screen's language). */
  job(text: string | RegExp): Locator {
    return this.panel()
      .getByTestId(/^print-job-\d+$/)
      .filter({ hasText: text })
      .first();
  }

  async jobId(row: Locator): Promise<number> {
    return Number((await row.getAttribute('data-testid'))!.replace('print-job-', ''));
  }

  /** Clicks PDF on a job and waits for the browser's download. */
  async pdf(row: Locator): Promise<Download> {
    const id = await this.jobId(row);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`job-pdf-${id}`).click(),
    ]);
    return download;
  }

  async systemPrint(row: Locator) {
    await this.page.getByTestId(`job-system-print-${await this.jobId(row)}`).click();
  }

  async cancel(row: Locator) {
    await this.page.getByTestId(`job-cancel-${await this.jobId(row)}`).click();
  }

  async reprint(row: Locator) {
    await this.page.getByTestId(`job-reprint-${await this.jobId(row)}`).click();
  }
}
