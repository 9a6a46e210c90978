/**
 * A recipient as lists show it: enough to recognise, not enough to copy. The full address
 * stays in the row for the worker; the API never returns it.
 */
export function maskRecipient(to: string): string {
  const at = to.indexOf('@');
  if (at > 0) return `${to[0]}***${to.slice(at)}`;
  const digits = to.replace(/\D/g, '');
  if (digits.length < 7) return '***';
  const keepEnd = 4;
  const keepStart = Math.min(to.length - keepEnd - 4, to.startsWith('+') ? 6 : 3);
  return `${to.slice(0, Math.max(1, keepStart))}****${to.slice(-keepEnd)}`;
}
