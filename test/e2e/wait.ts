/** Polls `probe` until it gives something (a file, a printed label), or fails naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
