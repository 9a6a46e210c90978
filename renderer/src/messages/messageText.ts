import type { TFunction } from 'i18next';
import type { OutboxRow, OutboxState } from '../../../main/api/contract-messages';
import { translateKey } from '../api/errors';

export const STATE_COLOR: Record<OutboxState, string> = {
  queued: 'blue',
  sending: 'cyan',
  sent: 'teal',
  failed: 'red',
  uncertain: 'orange',
  cancelled: 'gray',
};

/** A send's last error in the window's language (the backend stores key + params). */
export function messageErrorText(t: TFunction, row: Pick<OutboxRow, 'lastError'>): string {
  if (!row.lastError) return '';
  return translateKey(t, row.lastError.key, row.lastError.params, row.lastError.key);
}

/** The template's name as the shop reads it (the rule's event). */
export const templateName = (t: TFunction, template: string) =>
  t(`msgSettings.rules.events.${template}`, { defaultValue: template });
