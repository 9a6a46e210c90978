/** A scanned string that could be a ticket label: letters, an optional dash, then digits (R-000123). */
export const looksLikeTicketNumber = (code: string) =>
  /^[A-Za-z]{0,8}-?\d{3,10}$/.test(code.trim());

/** Only characters a ticket label can hold count towards a scan; everything else is ignored. */
export function scanKeyMapper(e: KeyboardEvent): string | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  return /^[A-Za-z0-9-]$/.test(e.key) ? e.key : null;
}
