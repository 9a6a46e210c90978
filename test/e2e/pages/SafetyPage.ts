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

  /** Opens the restore dialog of the row'th backup and returns what it says the restore drops. */
  async openRestore(row: number) {
    await this.backupRows()
      .nth(row)
      .getByRole('button', { name: /Restore|恢复/ })
      .click();
    const impact = this.page.getByTestId('restore-impact');
    await impact.waitFor();
    // the dialog has finished fading in (what a person reads, and what a screenshot shows)
    await this.page.waitForFunction(() => {
      const dialog = document.querySelector('[role="dialog"]');
      return !!dialog && getComputedStyle(dialog).opacity === '1';
    });
    return impact.innerText();
  }

  /** Deletes the row'th backup after confirming; waits for the row to go. */
  async deleteBackup(row: number) {
    const before = await this.backupRows().count();
    await this.backupRows().nth(row).getByTestId('backup-delete').click();
    await this.page.getByTestId('delete-confirm').click();
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="backup-list"] tbody tr').length < n,
      before,
    );
  }

  async confirmRestore() {
    await this.page.getByTestId('restore-confirm').click();
    await this.page.getByTestId('restore-confirm').waitFor({ state: 'detached' });
  }

  /** Records every text the progress line shows from now on (a copy of a small shop takes
   * milliseconds: a snapshot after the click could miss the steps between). */
  async watchProgress() {
    await this.page.evaluate(() => {
      const w = window as unknown as { progressSeen: string[] };
      w.progressSeen = [];
      const note = () => {
        document.querySelectorAll('[data-testid="safety-progress"]').forEach((el) => {
          const text = (el as HTMLElement).innerText.trim();
          if (text && w.progressSeen.at(-1) !== text) w.progressSeen.push(text);
        });
      };
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
  }

  progressSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
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
