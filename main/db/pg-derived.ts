import type pg from 'pg';

/**
 * Rebuilds what PostgreSQL's triggers derive from the tickets, from the tickets: the dashboard's
 * day aggregates (on `shop_day()`, i.e. the shop zone's days in `shop_zone_offset`), the
 * "similar repairs" table and the tickets per status. For rows that arrived without those
 * triggers (a shop moved in bulk with the ticket triggers disabled, `COPY`) or after the shop
 * zone changed. Run it inside the caller's transaction.
 */
export async function rebuildPgDerived(client: pg.ClientBase): Promise<void> {
  await client.query('DELETE FROM kpi_fault_day');
  await client.query(`INSERT INTO kpi_fault_day (day, brand, model, problem, count)
    SELECT shop_day(t.received_at), d.brand, d.model, t.problem, count(*)
    FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.category = 'fault'
    GROUP BY 1, 2, 3, 4`);
  await client.query('DELETE FROM kpi_done');
  await client.query(`INSERT INTO kpi_done (ticket_id, day, ms)
    SELECT id, shop_day(completed_at), completed_at - received_at
    FROM ticket WHERE completed_at IS NOT NULL`);
  await client.query('DELETE FROM ticket_status_count');
  await client.query(`INSERT INTO ticket_status_count (status, n)
    SELECT status, count(*) FROM ticket GROUP BY status`);
  await client.query('DELETE FROM ticket_fix_text');
  await client.query(`INSERT INTO ticket_fix_text (ticket_id, model, problem, cause)
    SELECT t.id, d.brand || ' ' || d.model, t.problem, t.cause
    FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.cause IS NOT NULL`);
}
