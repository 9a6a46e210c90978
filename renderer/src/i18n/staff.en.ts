/** Staff, PINs, the lock screen and ended sessions (issue 13). */
const ended = {
  deactivated: 'You were signed out: this account was deactivated.',
  roleChanged: 'You were signed out: your role changed. Please sign in again.',
  pinReset: 'You were signed out: your PIN was reset. Sign in with the one-time PIN.',
  pinChanged: 'You were signed out: the PIN was changed on another screen.',
  expired: 'Your session ran out of time. Please sign in again.',
  restored: 'You were signed out: the database was restored from a backup.',
  lost: 'You were signed out. Please sign in again.',
};

export const staffEn = {
  title: 'Staff',
  readOnly: 'Only admins change staff. Managers can unlock a person locked out by wrong PINs.',
  add: 'Add person',
  name: 'Name',
  role: 'Role',
  status: 'Status',
  lastSignIn: 'Last sign-in',
  never: 'never',
  active: 'Active',
  inactive: 'Inactive',
  lockedUntil: 'Locked until {{time}}',
  mustChange: 'One-time PIN',
  actions: 'Actions',
  edit: 'Edit',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  resetPin: 'Reset PIN',
  unlock: 'Unlock',
  none: 'No staff yet',
  cancel: 'Cancel',
  save: 'Save',
  oneTimePin: 'One-time PIN (4–8 digits)',
  oneTimeHint:
    'Tell the person this PIN. It works once: they choose their own at the first sign-in.',
  reason: 'Reason',
  addTitle: 'Add a person',
  editTitle: 'Edit {{name}}',
  roleHint: 'A new role signs them out on every screen at once.',
  deactivateTitle: 'Deactivate {{name}}',
  deactivateHint:
    'They can no longer sign in and are signed out on every screen now. Everything they did stays in the history under their name.',
  reactivateTitle: 'Reactivate {{name}}',
  reactivateHint: 'They can sign in again with their PIN.',
  resetTitle: 'Reset the PIN of {{name}}',
  resetHint:
    'They are signed out everywhere now and must choose their own PIN at the next sign-in.',
  added: '{{name}} added with a one-time PIN',
  saved: 'Saved',
  unlocked: '{{name}} can sign in again',
  resetDone: 'One-time PIN set for {{name}}',
  pin: {
    title: 'Set your own PIN',
    firstRun:
      'This is a new installation. Everyone knows the starting PIN 0000, so nothing else works until you choose your own.',
    oneTime:
      'Your PIN was set by someone else and works only once. Nothing else works until you choose your own.',
    current: 'Current PIN',
    oneTimeCurrent: 'PIN you just signed in with',
    newPin: 'New PIN',
    repeat: 'New PIN again',
    mismatch: 'The two new PINs differ',
    rules:
      '{{min}}–{{max}} digits. Not all one digit (0000), not a run (1234, 9876), not your previous PIN.',
    submit: 'Set my PIN',
    done: 'Your new PIN is set',
    changeMine: 'Change my PIN',
    changeTitle: 'Change my PIN',
    signOut: 'Sign out',
  },
  lock: {
    title: 'Screen locked',
    hint: 'The work of {{name}} is kept under this screen. Enter your PIN to go on.',
    unlock: 'Unlock',
    switchUser: 'Switch user',
    pinFor: 'PIN for {{name}}',
  },
  ended,
};

export const staffErrorsEn = {
  pinChangeRequired: 'Set your own PIN first.',
  sessionLocked: 'The screen is locked. Enter your PIN.',
  wrongOwnPin: 'That is not your PIN.',
  accountPaused: 'Too many wrong PINs for this person. Wait {{seconds}} s.',
  stationPaused: 'Too many wrong PINs at this station. Wait {{seconds}} s.',
  lastAdmin: 'The last active admin cannot be deactivated or demoted.',
  staffNotFound: 'That staff member was not found.',
  sessionEnded: ended,
  pin: {
    digits: 'Use digits only.',
    length: 'A PIN has {{min}} to {{max}} digits.',
    repeat: 'Not all the same digit.',
    run: 'Not a run like 1234 or 9876.',
    same: 'Choose a PIN different from the current one.',
    previous: 'That was your previous PIN.',
  },
};

export const staffErrorCodesEn = {
  PIN_CHANGE_REQUIRED: 'Set your own PIN first.',
  SESSION_LOCKED: 'The screen is locked.',
};

export const staffSettingLabelsEn = {
  'auth.throttleSeconds': 'Pause for a person at every station after a lock-out (seconds)',
  'auth.stationMaxAttempts': 'Wrong PINs in a row at one station before it pauses',
  'auth.stationPauseSeconds': 'Station pause (seconds)',
  'auth.pinMinLength': 'Shortest PIN (digits)',
  'auth.pinMaxLength': 'Longest PIN (digits)',
  'auth.idleLockMinutes': 'Lock the screen after idle minutes (0 = never)',
  'auth.sessionHours': 'Sign out after hours',
};
