/** Setting up a station's database, and the stations' app versions (English). */
export const setupDbErrorsEn = {
  appOutdated:
    "This PC's app ({{mine}}) is older than the shop's database ({{shop}}) — update this PC.",
};

export const setupDbEn = {
  title: 'Set up this station',
  intro: 'Where does this shop keep its data? This is asked once, on this PC’s first start.',
  local: 'This PC only (built-in database)',
  localHint: 'One PC: the shop lives in a file on this computer. Nothing to install.',
  join: 'Join the shop’s database',
  joinHint: 'Several PCs share one database on the shop’s server or NAS (PostgreSQL).',
  moveHint:
    'Moving an existing PC’s data to a database server: on that PC, an admin opens Settings → Stations → Move this shop to a database server (or runs npm run db:move); then join here.',
  host: 'Server',
  port: 'Port',
  database: 'Database',
  user: 'User',
  password: 'Password',
  joinSecret: 'Join secret (from the admin)',
  joinSecretHint: 'Lets this PC read device passcodes taken at the other stations.',
  test: 'Test connection',
  connect: 'Join and open',
  back: 'Back',
  okEmpty: 'Connected to {{server}}: an empty database, this will be the shop’s first station.',
  okShop: 'Connected to {{server}}: the shop’s database.',
  opening: 'Opening the workstation…',
  errors: {
    SETUP_FIELDS: 'Fill in server, port, database and user.',
    SETUP_DONE: 'This station’s database has been chosen already: the workstation is opening.',
    SETUP_FAILED: 'Something went wrong. Please try again.',
    SHOP_KEY_SECRET_NEEDED:
      'This shop shares its passcode key: enter the join secret the admin gave you.',
    SHOP_KEY_SECRET_WRONG: 'The join secret is not right. Ask the admin for it again.',
    SHOP_KEY_NONE: 'No station of this shop has shared its passcode key yet.',
    SHOP_KEY_SECRET_SHORT: 'The join secret needs 8 characters or more.',
  },
};
