import type { SmsLength } from '../../api/contract-messages';

/** GSM 03.38 basic alphabet (one septet each). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: an escape septet plus the character, so each counts twice. */
const GSM_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

/**
 * How a network counts an SMS: GSM-7 when every character is in the GSM alphabet (160 per
 * single message, 153 per part once split, the rest carries the concatenation header), else
 * UCS-2 (70, then 67), where a character outside the BMP (an emoji) takes two UTF-16 units.
 */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    return { encoding: 'gsm7', length: septets, segments: parts(septets, 160, 153) };
  }
  const units = text.length; // UTF-16 code units, as UCS-2/UTF-16 SMS counts them
  return { encoding: 'ucs2', length: units, segments: parts(units, 70, 67) };
}

function parts(length: number, single: number, multi: number): number {
  if (length === 0) return 0;
  return length <= single ? 1 : Math.ceil(length / multi);
}
