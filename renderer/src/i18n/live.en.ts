/** Live updates across stations (English): the banner while the shop's database is away. */
export const liveEn = {
  reconnecting: 'Reconnecting to the shop’s database…',
  reconnectingHint:
    'What is on screen stays, but it may be out of date: saving waits until the connection is back, then everything is re-read.',
  readOnly: 'Reconnecting to the shop’s database: saving waits until it is back.',
};
