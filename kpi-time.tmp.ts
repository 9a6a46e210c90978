import { createWorkstation } from './main/app';
import { kpiDashboard } from './main/domain/reports/kpi-dashboard';
import { dayRange, isoDay } from './main/domain/reports/day-range';

async function main() {
  const ws = await createWorkstation({ dataDir: '/tmp/rep3-bench', logger: { error: console.error } } as never);
  const raw = ws.services.raw;
  const last = (raw.prepare('SELECT max(received_at) AS t FROM ticket').get() as { t: number }).t;
  const to = isoDay(last);
  const from = isoDay(dayRange(to).from - 29 * 86_400_000);
  const em = ws.services.dataSource.manager;
  const times: Array<[number, string]> = [];
  const timed = new Proxy(em, {
    get(target, prop) {
      if (prop === 'query')
        return async (sql: string, p: unknown[]) => {
          const t0 = performance.now();
          const r = await target.query(sql, p);
          times.push([performance.now() - t0, sql.replace(/\s+/g, ' ').slice(0, 90)]);
          return r;
        };
      return Reflect.get(target, prop);
    },
  });
  for (let i = 0; i < 3; i++) {
    times.length = 0;
    const t0 = performance.now();
    await kpiDashboard(timed as never, from, to);
    console.log('total', (performance.now() - t0).toFixed(1));
  }
  for (const [ms, sql] of times) console.log(ms.toFixed(1), sql);
  await ws.close();
}
main();
