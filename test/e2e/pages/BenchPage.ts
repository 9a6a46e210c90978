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

  /**
   * A keyboard-wedge scanner: the label's characters as keydown events, then Enter. A real
   * scanner sends the whole burst in a few milliseconds; sending it from inside the page keeps
   * it that fast even when the machine running the tests is busy. `delayMs` above the
   * detector's threshold types through Playwright's keyboard instead, like a person.
   */
  async scan(code: string, delayMs = 0) {
    if (delayMs > 0) {
      await this.page.keyboard.type(code, { delay: delayMs });
      await this.page.keyboard.press('Enter');
      return;
    }
    await this.page.evaluate((text) => {
      const target = document.activeElement ?? document.body;
      const press = (key: string, keyCode: number) =>
        target.dispatchEvent(
          new KeyboardEvent('keydown', {
            key,
            keyCode,
            which: keyCode,
            bubbles: true,
          } as KeyboardEventInit),
        );
      for (const ch of text) press(ch, ch === '-' ? 189 : ch.toUpperCase().charCodeAt(0));
      press('Enter', 13);
    }, code);
  }

  /** What the scan detector last accepted (set on <html> by scan/useScanToOpen.ts). */
  lastScan(): Promise<string | null> {
    return this.page.evaluate(() => document.documentElement.dataset.lastScan ?? null);
  }
}
