/** The part of i18next's t() this needs (pure, so a unit test can pass its own). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A note as the backend wrote it, in the window's language. Two kinds carry a machine-written
 * prefix (stored rows are history and stay as written): an approval's channel ("phone: …") and a
 * work log's minutes ("45 min: …").
 */
export function timelineNote(t: Translate, kind: string, note: string): string {
  if (kind === 'approved' || kind === 'declined') {
    const m = /^([a-z_]+)(?::\s*([\s\S]*))?$/.exec(note);
    const label = m && t(`approval.channel.${m[1]}`, { defaultValue: '' });
    if (m && label) return m[2] ? `${label}: ${m[2]}` : label;
  }
  if (kind === 'work') {
    const m = /^(\d+) min(?::\s*([\s\S]*))?$/.exec(note);
    if (m) {
      const minutes = t('timelineMinutes', { count: Number(m[1]) });
      return m[2] ? `${minutes}: ${m[2]}` : minutes;
    }
  }
  if (kind === 'part') {
    // "fitted: SKU name ×1 (SN), removed OLD" (inventory's ticket-parts-methods.ts)
    const m =
      /^(waiting|reserved|fitted|released|returned)( \(faulty\))?: ([\s\S]*?)(?:, removed (\S+))?$/.exec(
        note,
      );
    if (m) {
      const verb = t(`timelinePart.${m[1] === 'returned' && m[2] ? 'returnedFaulty' : m[1]}`);
      const removed = m[4] ? ` · ${t('timelinePart.removed', { serial: m[4] })}` : '';
      return `${verb}: ${m[3]}${removed}`;
    }
  }
  return note;
}
