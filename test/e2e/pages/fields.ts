import type { Locator } from 'playwright-core';

/** The error Mantine shows under an input (its `<id>-error` element), once the input is invalid. */
export async function fieldError(input: Locator): Promise<string> {
  await input.and(input.page().locator('[aria-invalid="true"]')).waitFor();
  const id = await input.getAttribute('id');
  const error = input.page().locator(`[id="${id}-error"]`);
  await error.waitFor();
  return error.innerText();
}

/** The data-testid of the element holding focus (or of its nearest marked ancestor). */
export async function focusedTestId(input: Locator): Promise<string | null> {
  return input
    .page()
    .evaluate(
      () => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
    );
}
