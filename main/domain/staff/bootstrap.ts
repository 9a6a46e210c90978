import type { EntityManager } from 'typeorm';
import { Staff } from '../../db/entities';
import { hashPin } from './pin';

export const FIRST_ADMIN = { name: 'Admin', pin: '0000' } as const;

/** A brand-new shop has nobody to sign in as: create one admin whose PIN must be changed. */
export async function ensureFirstAdmin(em: EntityManager, now: number): Promise<boolean> {
  if ((await em.count(Staff)) > 0) return false;
  const { hash, salt } = hashPin(FIRST_ADMIN.pin);
  await em.insert(Staff, {
    name: FIRST_ADMIN.name,
    role: 'admin',
    pinHash: hash,
    pinSalt: salt,
    active: 1,
    failedPins: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  return true;
}
