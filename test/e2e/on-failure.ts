import fs from 'node:fs';
import path from 'node:path';
import { beforeEach } from 'vitest';
import { RESULTS_DIR, openBrowsers } from './harness';

/**
 * A failed e2e test says what each open page showed at that moment: its address and text in the
 * log (CI keeps only the log), and a screenshot in test-results/failures/ for a local run.
 */
beforeEach((ctx) => {
  ctx.onTestFailed(async () => {
    const dir = path.join(RESULTS_DIR, 'failures');
    fs.mkdirSync(dir, { recursive: true });
    const name = ctx.task.name.replace(/[^\w-]+/g, '-').slice(0, 60);
    let i = 0;
    for (const browser of openBrowsers) {
      for (const page of browser.contexts().flatMap((c) => c.pages())) {
        i++;
        try {
          const text = await page.locator('body').innerText({ timeout: 2_000 });
          const file = path.join(dir, `${name}-${i}.png`);
          await page.screenshot({ path: file, timeout: 5_000 });
          console.log(
            `--- page ${i} at failure: ${page.url()}\n${text.replace(/\n{2,}/g, '\n').slice(0, 1_500)}\n--- (${file})`,
          );
        } catch (err) {
          console.log(`--- page ${i} at failure: ${page.url()} (could not read it: ${String(err)})`);
        }
      }
    }
  });
});
