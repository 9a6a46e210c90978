/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';

/** The bench board/list. */
export class BenchPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-bench').click();
    await this.page.getByTestId('bench-page').waitFor();
  }

  board(): Locator {
    return this.page.getByTestId('bench-board');
  }

  card(number: string): Locator {
    return this.page.getByTestId(`bench-card-${number}`);
  }

  column(status: string): Locator {
    return this.page.getByTestId(`bench-column-${status}`);
  }

  async view(v: 'mine' | 'unassigned' | 'all' | 'overdue') {
    await this.page.getByTestId(`bench-view-${v}`).click();
  }

  /** Takes focus out of any field, as when a technician picks up the scanner. */
  async blur() {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  /** A keyboard-wedge scanner: the label's characters a few ms apart, then Enter. */
  async scan(code: string, delayMs = 5) {
    await this.page.keyboard.type(code, { delay: delayMs });
    await this.page.keyboard.press('Enter');
  }

  /** What the scan detector last accepted (set on <html> by scan/useScanToOpen.ts). */
  lastScan(): Promise<string | null> {
    return this.page.evaluate(() => document.documentElement.dataset.lastScan ?? null);
  }
}
