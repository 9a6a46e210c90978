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
   * A keyboard-wedge scanner: the label's keys in one burst, then Enter. The key events are
   * dispatched inside the page in one go, as a scanner delivers them: typing them one CDP
   * round-trip at a time spreads them past the scan detector's 30 ms/char on a loaded machine.
   * With `delayMs`, a person typing instead: real keystrokes that far apart.
   */
  async scan(code: string, delayMs?: number) {
    if (delayMs !== undefined) {
      await this.page.keyboard.type(code, { delay: delayMs });
      await this.page.keyboard.press('Enter');
      return;
    }
    await this.page.evaluate((text) => {
      const target = document.activeElement ?? document.body;
      const press = (key: string, keyCode: number) => {
        for (const type of ['keydown', 'keyup']) {
          target.dispatchEvent(
            new KeyboardEvent(type, {
              key,
              keyCode,
              which: keyCode,
              bubbles: true,
              cancelable: true,
            }),
          );
        }
      };
      for (const ch of text) {
        const keyCode = ch === '-' ? 189 : ch.toUpperCase().charCodeAt(0);
        press(ch, keyCode);
      }
      press('Enter', 13);
    }, code);
  }

  /** What the scan detector last accepted (set on <html> by scan/useScanToOpen.ts). */
  lastScan(): Promise<string | null> {
    return this.page.evaluate(() => document.documentElement.dataset.lastScan ?? null);
  }
}
