import type { EntityManager } from 'typeorm';
import { ApiError } from '../../api/errors';
import { Setting } from '../../db/entities';
import { SETTINGS, isSettingKey, type SettingKey, type SettingValue } from './definitions';

/** Settings are read on hot paths, so they are cached; the cache changes only after commit. */
export class SettingsService {
  private values = new Map<string, unknown>();
  private readonly applied = new Set<(key: SettingKey) => void>();

  /** Told after a written value reached the cache (after commit): the app publishes
   * `settings.changed`, which other stations hear too. */
  onApplied(fn: (key: SettingKey) => void): () => void {
    this.applied.add(fn);
    return () => void this.applied.delete(fn);
  }

  async load(em: EntityManager): Promise<void> {
    const rows = await em.find(Setting);
    this.values.clear();
    for (const row of rows) {
      if (!isSettingKey(row.key)) continue;
      const parsed = SETTINGS[row.key].schema.safeParse(JSON.parse(row.value));
      if (parsed.success) this.values.set(row.key, parsed.data);
    }
  }

  get<K extends SettingKey>(key: K): SettingValue<K> {
    return (this.values.has(key) ? this.values.get(key) : SETTINGS[key].default) as SettingValue<K>;
  }

  all(): Record<string, unknown> {
    return Object.fromEntries(Object.keys(SETTINGS).map((k) => [k, this.get(k as SettingKey)]));
  }

  /** Validates and writes in the caller's transaction; returns a commit hook for the cache. */
  async write(em: EntityManager, key: string, value: unknown, staffId: number, now: number) {
    if (!isSettingKey(key)) {
      throw new ApiError('VALIDATION', `Unknown setting "${key}".`, {
        key: 'errors.unknownSetting',
        params: { key },
        issues: [{ path: 'key', key: 'errors.unknownSetting', message: 'Unknown setting' }],
      });
    }
    const parsed = SETTINGS[key].schema.safeParse(value);
    if (!parsed.success) {
      // A setting's schema may name its own reason (an i18n key); otherwise the generic one.
      const own = parsed.error.issues[0]?.message;
      const reason = own?.startsWith('errors.') ? own : 'errors.invalidSetting';
      throw new ApiError('VALIDATION', `Invalid value for setting "${key}".`, {
        key: reason,
        params: { key },
        // One issue per wrong part (value.ready.zh, value.2), so an editor marks the right field.
        issues: parsed.error.issues.map((i) => ({
          path: ['value', ...i.path.map(String)].join('.'),
          key: i.message.startsWith('errors.') ? i.message : 'errors.invalidSetting',
          params: { key },
          message: i.message,
        })),
      });
    }
    await em.save(Setting, {
      key,
      value: JSON.stringify(parsed.data),
      updatedAt: now,
      updatedBy: staffId,
    });
    return () => {
      this.values.set(key, parsed.data);
      for (const fn of this.applied) fn(key);
    };
  }
}
