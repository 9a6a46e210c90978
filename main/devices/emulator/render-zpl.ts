/** ZPL → PNG offline with zpl-renderer-js (zebrash in WebAssembly); loaded once, on first use. */
let api: Promise<{
  zplToBase64Async(zpl: string, w?: number, h?: number, dpmm?: number): Promise<string>;
}> | null = null;

export async function renderZplPng(
  zpl: string,
  widthMm: number,
  heightMm: number,
  dpmm = 8,
): Promise<Buffer> {
  api ??= import('zpl-renderer-js').then(async (m) => (await m.ready).api);
  const b64 = await (await api).zplToBase64Async(zpl, widthMm, heightMm, dpmm);
  return Buffer.from(b64, 'base64');
}
