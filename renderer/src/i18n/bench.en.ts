/** The bench board's columns and the drawer's part picker (English). */
export const benchEn = {
  benchBoard: {
    subtitle: 'Open tickets by status: new intake newest first, the rest earliest promise first',
    more: 'Show {{count}} more',
    range: '{{from}}–{{to}} of {{total}}',
    overdueTotal_one: '{{count}} ticket overdue or nearly due',
    overdueTotal_other: '{{count}} tickets overdue or nearly due',
  },
  benchDetail: {
    revealNotAllowed: 'Your role may not reveal passcodes.',
  },
  benchParts: {
    reserved: '{{name}} reserved for this ticket.',
    waiting: '{{name}}: none in stock — the ticket now waits for it.',
    noneFound: 'No part found',
  },
};
