import type { Page } from 'playwright-core';

/** Settings → Data safety. */
export class SafetyPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('safety-panel').waitFor();
  }

  backupRows() {
    return this.page.getByTestId('backup-list').locator('tbody tr');
  }

  async backupNow() {
    const before = await this.backupRows().count();
    await this.page.getByTestId('backup-now').click();
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="backup-list"] tbody tr').length > n,
      before,
    );
  }

  /** Restores the row'th backup (0 = newest) and waits for the confirmation. */
  async restore(row: number) {
    await this.backupRows()
      .nth(row)
      .getByRole('button', { name: /Restore|恢复/ })
      .click();
    await this.page.getByTestId('restore-confirm').click();
    await this.page.getByTestId('restore-confirm').waitFor({ state: 'detached' });
  }

  /** Runs the verifier and returns the verdict of this run (never the one shown before). */
  async verifyAudit() {
    const shown = this.page.getByTestId('audit-result');
    const before = (await shown.count()) ? Number(await shown.getAttribute('data-run')) : 0;
    await this.page.getByTestId('audit-verify').click();
    const result = this.page.locator(`[data-testid="audit-result"][data-run="${before + 1}"]`);
    await result.waitFor();
    return result.innerText();
  }
}
