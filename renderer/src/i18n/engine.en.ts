import { ENGINE_ERRORS_EN } from '../../../main/api/labels-engine';

/** Settings → About (which database this station works on) and the start refusals (English). */
export const engineEn = {
  title: 'About this workstation',
  database: 'Database',
  sqlite: 'Built-in database (SQLite) · {{where}}',
  postgres: 'PostgreSQL server · {{where}}',
  dataFolderHint: 'This PC’s own data (keys, photos, devices) stays in its data folder.',
  errors: ENGINE_ERRORS_EN,
};
