/** Saving from several stations (issue 15): edit conflicts, retries while the shop's database
 * is away (English). */
export const concurrencyEn = {
  waiting: 'Saving waits for the shop’s database…',
  waitingHint: 'Your change stays on screen and is sent again by itself; it is saved once, not twice.',
  landed: 'Saved. The shop’s database is back.',
  changedTitle: 'Someone else saved this ticket',
  reload: 'Reload',
  reloaded: 'Reloaded: your typed changes are kept; press Save to keep them.',
};

export const concurrencyErrorsEn = {
  ticketChangedBy: 'Changed by {{name}} at {{time}} — reload to see it.',
  idempotencyReused: 'This request was already used for a different change. Nothing was saved.',
  databaseAway: 'The shop’s database cannot be reached. Saving waits until it is back.',
};

export const concurrencyErrorCodesEn = {
  UNAVAILABLE: 'The shop’s database cannot be reached.',
};
