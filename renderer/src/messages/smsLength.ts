/**
 * How long an SMS is as the network counts it (3GPP TS 23.038): GSM-7 text is 160 characters in
 * one message or 153 per part; anything outside GSM-7 (Chinese, emoji) makes the whole message
 * UCS-2, 70 characters or 67 per part. Extension characters (€, [, ], {, }, ~, ^, \, |) take two
 * septets. Shown beside a template preview so the shop sees what a message costs.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsLength {
  encoding: 'gsm7' | 'ucs2';
  /** Characters as the network counts them (septets for GSM-7, UTF-16 units for UCS-2). */
  length: number;
  segments: number;
  /** Per-part limit for this text (160/153 or 70/67). */
  perSegment: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    const segments = septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153);
    return { encoding: 'gsm7', length: septets, segments, perSegment: segments > 1 ? 153 : 160 };
  }
  const units = text.length;
  const segments = units === 0 ? 0 : units <= 70 ? 1 : Math.ceil(units / 67);
  return { encoding: 'ucs2', length: units, segments, perSegment: segments > 1 ? 67 : 70 };
}
