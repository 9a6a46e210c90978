/** Settings → Stations: moving this PC's shop to a database server (English). */
export const stationsMoveEn = {
  title: 'Move this shop to a database server',
  intro:
    'This PC keeps the shop’s data in a file of its own. To let several PCs work on the same tickets, copy it into an empty PostgreSQL database on the shop’s server or NAS. The copy is checked there (rows, money, stock, audit chain); the file here stays as it is.',
  test: 'Test connection',
  move: 'Move the data',
  testOk: 'Connected to {{server}}: an empty database, ready for the move.',
  confirmTitle: 'Move the shop’s data to {{server}}?',
  confirmBody:
    'Every other PC must be closed. From now on this PC stops saving until it is restarted: what would be saved during and after the move would stay behind in the file.',
  confirm: 'Move now',
  cancel: 'Cancel',
  moving: 'Moving to {{server}}…',
  progress: '{{done}} of {{total}} rows',
  table: 'Table: {{table}}',
  done: 'Moved {{rows}} rows in {{seconds}} s. The copy on the server was verified.',
  verification: 'Verification on the server',
  checks: '{{n}} checks, {{bad}} not matching',
  auditChain: 'audit chain verifies',
  restart:
    'Restart this workstation to use the server. Then join the other PCs to it in their Setup.',
  failed: 'The move did not finish. Nothing was kept on the server; this PC goes on with its file.',
  errors: {
    onServer: 'This station already works on the shop’s database server.',
    notEmpty: 'The database on {{server}} is not empty. Move into a new, empty database.',
    moving:
      'The shop’s data is being moved to the database server: saving stops until this workstation restarts.',
    moved:
      'The shop’s data has moved to the database server: restart this workstation to go on saving.',
    mismatch:
      'The copy on the server did not match the file, so nothing was kept there. This PC goes on with its file.',
    refused: 'The move was refused: {{reason}}',
    failed: 'The move failed. Nothing was kept on the server; this PC goes on with its file.',
  },
};
