/** Upgrading the shop's shared database from a newer station (English). */
export const upgradeErrorsEn = {
  upgradeAdminOnly: "Only an admin can upgrade the shop's database.",
  upgradeRunning: 'The upgrade is already running.',
};

export const upgradeEn = {
  title: "Upgrade the shop's database",
  intro:
    "The shop's database ({{server}}) is at version {{shop}}. This PC has version {{mine}}, which needs to upgrade it before it can open.",
  stationsIntro:
    'These stations use the database. When you confirm, they stop saving and ask to be updated:',
  station: 'Station',
  lastSeen: 'Last seen',
  version: 'Version',
  plan: 'On confirm: the other stations are told and stop saving, a backup of the database is made, then the database is upgraded. If anything fails, the database stays as it was.',
  admin: 'Admin name',
  pin: 'Admin PIN',
  confirm: 'Upgrade the database',
  steps: {
    admin: 'Admin confirmed',
    announced: 'Other stations told to stop saving',
    stopped: 'Waited for them to stop',
    backup: 'Backup made: {{file}}',
    migrated: 'Database upgraded',
    done: 'Done — opening sign-in…',
  },
  failed: {
    backup:
      'The backup could not be made, so the database was not upgraded and is as it was. The other stations may save again. Check the backup folder and the PostgreSQL client tools, then try again.',
    migrate:
      'The upgrade of the database failed and was undone: the database is as it was. The other stations may save again. Nothing was lost.',
  },
  detail: 'Details: {{message}}',
  opening: 'Opening the workstation…',
};
