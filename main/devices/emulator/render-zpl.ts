import { createRequire } from 'node:module';

type ZplApi = {
  zplToBase64Async(zpl: string, w?: number, h?: number, dpmm?: number): Promise<string>;
};

/** ZPL → PNG offline with zpl-renderer-js (zebrash in WebAssembly); loaded once, on first use.
 * Its CommonJS build is required directly: the 8 MB inlined module is not worth transforming. */
let api: Promise<ZplApi> | null = null;

export async function renderZplPng(
  zpl: string,
  widthMm: number,
  heightMm: number,
  dpmm = 8,
): Promise<Buffer> {
  api ??= (async () => {
    const load = createRequire(import.meta.url);
    const m = load('zpl-renderer-js') as { ready: Promise<{ api: ZplApi }> };
    return (await m.ready).api;
  })();
  const b64 = await (await api).zplToBase64Async(zpl, widthMm, heightMm, dpmm);
  return Buffer.from(b64, 'base64');
}
