/** Settings → Stations: sharing the passcode key with stations that join later (English). */
export const shopKeyEn = {
  title: 'Passcode key for other stations',
  intro:
    'Device passcodes are encrypted with this station’s key. Share it under a join secret, and give the secret to whoever sets up another station: there it is typed once when joining, so passcodes taken here can be revealed there.',
  sharedOn: 'Shared on {{when}}',
  notShared: 'Not shared',
  secret: 'Join secret',
  secretHint: '{{min}} characters or more. The database keeps the key only locked by this secret.',
  again: 'Join secret again',
  share: 'Share the key',
  shareAgain: 'Share with a new secret',
  shared: 'The passcode key is shared. Give the join secret to whoever sets up the next station.',
  serverOnly:
    'This PC keeps the shop’s data on its own. Sharing the passcode key is for a shop database server that several stations join.',
  errors: {
    mismatch: 'The two entries differ. Type the same join secret twice.',
    short: 'The join secret needs {{min}} characters or more.',
    sqlite:
      'Sharing the passcode key is for a shop database server: on this PC only, there is no other station.',
  },
};
