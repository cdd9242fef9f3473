/**
 * Settings of the back end: workers of the generation pool, jobs run at the same time, default datasets folder.
 * Stored as one JSON value per key; an absent key takes its default, so the defaults follow the machine (cores)
 * and the data folder (`<dataDir>/datasets`) instead of being frozen at first start.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ApiError } from '../../../app/api/errors.ts';
import type { Settings } from '../../../app/api/types.ts';
import type { SqliteDatabase } from '../presets/sqlite.ts';

export type SettingsChange = Partial<Settings>;

export class SettingsService {
  private readonly listeners = new Set<(now: Settings, before: Settings) => void>();

  constructor(private readonly db: SqliteDatabase, private readonly dataDir: string) {}

  defaults(): Settings {
    return { workers: availableParallelism(), concurrentJobs: 1, datasetsFolder: join(this.dataDir, 'datasets') };
  }

  get(): Settings {
    const s = this.defaults();
    const rows = this.db.prepare<{ key: string; value: string }>('SELECT key, value FROM settings').all();
    for (const { key, value } of rows) {
      if (!Object.hasOwn(s, key)) continue; // a key of another version of the app: keep it, ignore it
      try {
        const v: unknown = JSON.parse(value);
        if (typeof v === typeof s[key as keyof Settings]) (s as unknown as Record<string, unknown>)[key] = v;
      } catch {
        // a damaged value falls back to the default rather than breaking every settings read
      }
    }
    return s;
  }

  update(change: SettingsChange): Settings {
    if (change.datasetsFolder !== undefined && !isAbsolute(change.datasetsFolder)) {
      throw new ApiError('invalid-argument', `the datasets folder must be a full path (such as ${this.defaults().datasetsFolder}), not "${change.datasetsFolder}"`);
    }
    const before = this.get();
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(change)) if (value !== undefined) put.run(key, JSON.stringify(value));
    })();
    const now = this.get();
    for (const l of this.listeners) l(now, before);
    return now;
  }

  /** The jobs queue listens here to resize its pool and admit more jobs. */
  onChange(listener: (now: Settings, before: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
