import { openDatabase } from '../main/db/data-source';
const t = Date.now();
openDatabase('/tmp/dbtest1').then(async ({dataSource, raw}) => {
  console.log('ok', Date.now()-t, raw.pragma('journal_mode'), raw.pragma('synchronous'));
  console.log(await dataSource.query('select count(*) c from staff'));
  await dataSource.destroy();
});
