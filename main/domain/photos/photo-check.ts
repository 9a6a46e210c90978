import { imageSize } from 'image-size';
import { ApiError } from '../../api/errors';

const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
/** Larger than any phone camera; bigger claims are a crafted header, not a photo. */
const MAX_EDGE = 20_000;

export interface CheckedPhoto {
  mime: string;
  width: number;
  height: number;
}

/** The type comes from the bytes, never from the file name: a renamed document is refused. */
export function checkPhoto(bytes: Buffer, maxBytes: number): CheckedPhoto {
  if (bytes.length > maxBytes) {
    throw new ApiError('VALIDATION', `The photo is larger than ${formatMb(maxBytes)} MB.`, {
      key: 'errors.photoTooLarge',
      params: { max: formatMb(maxBytes) },
    });
  }
  let info: { type?: string; width?: number; height?: number };
  try {
    info = imageSize(bytes);
  } catch {
    info = {};
  }
  const mime = info.type ? MIME[info.type] : undefined;
  const { width = 0, height = 0 } = info;
  if (!mime || width < 1 || height < 1 || width > MAX_EDGE || height > MAX_EDGE) {
    throw new ApiError('VALIDATION', 'Only JPEG, PNG or WebP photos can be attached.', {
      key: 'errors.photoType',
    });
  }
  return { mime, width, height };
}

const formatMb = (bytes: number) => String(Math.round((bytes / 1024 / 1024) * 10) / 10);
