import { describe, expect, it } from 'vitest';
import { pinProblem, staffBadge } from '../../main/api/schemas/staff';
import { scryptSync } from 'node:crypto';
import { PIN_COST, SHOP_PIN_COST, hashPin, needsRehash, verifyPin } from '../../main/domain/staff/pin';

const RULES = { minLength: 4, maxLength: 8 };

describe('PIN rules', () => {
  it.each([
    ['2580', null],
    ['1357', null],
    ['13579024', null],
    ['0000', 'errors.pin.repeat'],
    ['99999999', 'errors.pin.repeat'],
    ['1234', 'errors.pin.run'],
    ['0123', 'errors.pin.run'],
    ['3456789', 'errors.pin.run'],
    ['9876', 'errors.pin.run'],
    ['4321', 'errors.pin.run'],
    ['123', 'errors.pin.length'],
    ['123456789', 'errors.pin.length'],
    ['12a4', 'errors.pin.digits'],
    ['', 'errors.pin.digits'],
  ])('%s → %s', (pin, problem) => {
    expect(pinProblem(pin, RULES)).toBe(problem);
  });

  it('follows the length settings', () => {
    expect(pinProblem('2580', { minLength: 6, maxLength: 8 })).toBe('errors.pin.length');
    expect(pinProblem('258013', { minLength: 6, maxLength: 6 })).toBeNull();
  });
});

describe('PIN hashes', () => {
  it('name their parameters and verify', () => {
    const { hash, salt } = hashPin('2580');
    expect(hash).toMatch(new RegExp(`^scrypt\\$${PIN_COST.N}\\$8\\$1\\$[0-9a-f]{64}$`));
    expect(verifyPin('2580', salt, hash)).toBe(true);
    expect(verifyPin('2581', salt, hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it("a shop hashes at N=2^14; tests at less, and a shop's hash verifies in a test run", () => {
    expect(SHOP_PIN_COST).toEqual({ N: 16384, r: 8, p: 1 });
    expect(PIN_COST.N).toBeLessThan(SHOP_PIN_COST.N);
    const salt = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const shops = `scrypt$16384$8$1$${scryptSync('2580', salt, 32, SHOP_PIN_COST).toString('hex')}`;
    expect(verifyPin('2580', salt, shops)).toBe(true);
    expect(verifyPin('2581', salt, shops)).toBe(false);
  });

  it('hashes from before issue 13 (bare hex, same scrypt) still verify and are marked for rehash', () => {
    // made as issue 12 made them: the shop's scrypt cost, no prefix (not this process's cost)
    const salt = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
    const legacy = scryptSync('2580', salt, 32, SHOP_PIN_COST).toString('hex');
    expect(verifyPin('2580', salt, legacy)).toBe(true);
    expect(verifyPin('0000', salt, legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });
});

describe('the picker badge', () => {
  it('gives two letters and a stable colour', () => {
    expect(staffBadge('Wang Fang')).toMatchObject({ initials: 'WF' });
    expect(staffBadge('陈静 Chen Jing').initials).toBe('陈C');
    expect(staffBadge('Admin').initials).toBe('AD');
    expect(staffBadge('Admin').colour).toBe(staffBadge('Admin').colour);
  });
});
