import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ApiError } from '../../api/errors';

export const staleRecord = () =>
  new ApiError('CONFLICT', 'Someone else changed this record first. Reload and try again.', {
    key: 'errors.stale',
  });

/** Loads a record by id for a change, refusing a stale version (optimistic lock). */
export async function loadVersioned<T extends ObjectLiteral & { version: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: number,
  version: number,
  what: string,
): Promise<T> {
  const row = await em.findOne(entity, { where: { id } as never });
  if (!row)
    throw new ApiError('NOT_FOUND', `${what} was not found.`, {
      key: 'errors.notFound',
      params: { what },
    });
  if (row.version !== version) throw staleRecord();
  return row;
}

/** Saves changes only if nobody saved the row since it was loaded. */
export async function saveVersioned<T extends ObjectLiteral & { id: number; version: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  row: T,
  changes: Partial<T>,
): Promise<T> {
  const res = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: row.version + 1 } as never)
    .where('id = :id AND version = :version', { id: row.id, version: row.version })
    .execute();
  if (!res.affected) throw staleRecord();
  return Object.assign(row, changes, { version: row.version + 1 });
}
