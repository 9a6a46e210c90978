/** Statuses whose kept count (`ticket_status_count`, the sum of its rows) differs from a recount
 * of the tickets, on either engine: no row means none drifted. */
export const STATUS_COUNT_DRIFT = `SELECT coalesce(k.status, c.status) AS status, k.n AS kept, c.n AS counted
  FROM (SELECT status, sum(n) AS n FROM ticket_status_count GROUP BY status HAVING sum(n) <> 0) k
  FULL JOIN (SELECT status, count(*) AS n FROM ticket GROUP BY status) c ON c.status = k.status
  WHERE k.n IS NULL OR c.n IS NULL OR k.n <> c.n`;
