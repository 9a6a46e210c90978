import type { Migration } from './types';

/** The customer approves what they will pay: an approval records the total with tax (as
 * pickup charges it) and the tax in it. Rows recorded before this step keep tax_cents 0:
 * their total_cents was the estimate before tax. */
export const m0014: Migration = {
  id: 14,
  name: 'approval-tax',
  sql: [`ALTER TABLE approval ADD COLUMN tax_cents INTEGER NOT NULL DEFAULT 0`],
};
