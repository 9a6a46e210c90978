const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];
const formats = new Map<string, Intl.RelativeTimeFormat>();

/**
 * A time relative to now in a few characters, for a board card beside its ticket number
 * ("9d ago", "in 3h"; "9天前", "3小时后"): "9 days ago" was cut to "9 days a…" on a 1366 px
 * screen. Intl's narrow style, in the largest unit the distance reaches (a minute at least).
 */
export function fmtRelativeNarrow(ms: number, locale: string, now = Date.now()): string {
  const diff = ms - now;
  const [unit, size] = UNITS.find(([, s]) => Math.abs(diff) >= s) ?? UNITS[UNITS.length - 1];
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { style: 'narrow' });
    formats.set(locale, format);
  }
  // half away from zero both ways (Math.round takes -1.5 to -1)
  return format.format(Math.sign(diff) * Math.round(Math.abs(diff) / size), unit);
}
