/** Camera photos are 3–10 MB; a bench photo needs to show a crack, not fill a poster. Large
 * or non-web pictures are redrawn at this longest edge as JPEG before they are sent. */
const MAX_EDGE = 1600;
const KEEP_AS_IS_BYTES = 1024 * 1024;
const WEB_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export interface PreparedPhoto {
  fileName: string;
  dataBase64: string;
}

export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  if (WEB_TYPES.includes(file.type) && file.size <= KEEP_AS_IS_BYTES) {
    return { fileName: file.name, dataBase64: await base64Of(file) };
  }
  const blob = await redrawn(file, MAX_EDGE, 'image/jpeg');
  return { fileName: file.name.replace(/\.[^.]*$/, '') + '.jpg', dataBase64: await base64Of(blob) };
}

/** The picture drawn again no larger than `maxEdge` on its longest side, in `type`. */
export async function redrawn(file: Blob, maxEdge: number, type: 'image/jpeg' | 'image/png') {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), type, 0.85),
  );
}

export async function base64Of(blob: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read'));
    r.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}
