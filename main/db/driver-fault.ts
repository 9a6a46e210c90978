/** The driver's code and message of a database error, wrapped by TypeORM (`driverError` of a
 * QueryFailedError) or not: pg's SQLSTATE and better-sqlite3's `SQLITE_*` codes alike. */
export function driverFault(err: unknown): { code: string; message: string } {
  const e =
    (err as {
      driverError?: { code?: string; message?: string };
      code?: string;
      message?: string;
    } | null) ?? {};
  return {
    code: String(e.driverError?.code ?? e.code ?? ''),
    message: String(e.driverError?.message ?? e.message ?? ''),
  };
}
