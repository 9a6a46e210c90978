/**
 * Keyset paging, newest first, on (time, id): the next page is the rows strictly before the
 * last one shown. Written as `t <= ? AND (t < ? OR id < ?)` (not a row value, which
 * engines index differently): the `t <= ?` range lets SQLite and PostgreSQL walk a
 * (…, time, id) index backwards straight to the page.
 */
export function keysetPage(after: { at: number; id: number } | undefined): {
  and(timeColumn: string, idColumn: string): string;
  params: number[];
} {
  return {
    and: (t, id) => (after ? `AND ${t} <= ? AND (${t} < ? OR ${id} < ?)` : ''),
    params: after ? [after.at, after.at, after.id] : [],
  };
}
