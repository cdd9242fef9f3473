/**
 * The catalogue of finished datasets: one row per dataset folder with what its `dataset.json` said. The data stay
 * where they are — forgetting a dataset removes its row, never its files — and `exists` tells the UI when the
 * folder was moved or deleted outside the app.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatasetInfo } from '../../../app/api/types.ts';
import type { SqliteDatabase } from '../presets/sqlite.ts';

interface DatasetRow {
  id: string; name: string; path: string; created: string; total_bytes: number; duration_s: number;
  num_channels: number; num_units: number; num_spikes: number; dtype: 'int16' | 'float32'; kind: 'drifting' | 'hybrid';
}

/** The fields of `dataset.json` (main/services/generation/dataset-summary.ts) the catalogue keeps. */
export interface DatasetSummaryFields {
  name: string; total_bytes: number; duration_s: number; num_channels: number; num_units: number; num_spikes: number;
  dtype: 'int16' | 'float32';
  /** absent in a drifting dataset.json written before hybrid datasets existed */
  kind?: string;
}

export function readDatasetSummary(folder: string): DatasetSummaryFields {
  const s = JSON.parse(readFileSync(join(folder, 'dataset.json'), 'utf8')) as Partial<DatasetSummaryFields> & { format?: string };
  if (s.format !== 'spikegen-dataset') throw new Error(`${folder} is not a Spikegen Studio dataset (its dataset.json has no "format": "spikegen-dataset")`);
  return {
    name: String(s.name ?? ''), total_bytes: Number(s.total_bytes ?? 0), duration_s: Number(s.duration_s ?? 0),
    num_channels: Number(s.num_channels ?? 0), num_units: Number(s.num_units ?? 0), num_spikes: Number(s.num_spikes ?? 0),
    dtype: s.dtype === 'float32' ? 'float32' : 'int16', kind: s.kind === 'hybrid' ? 'hybrid' : 'drifting',
  };
}

export class DatasetCatalogue {
  constructor(private readonly db: SqliteDatabase, private readonly now: () => Date = () => new Date()) {}

  /** Adds (or refreshes, when the folder is already known) a finished dataset. */
  record(folder: string, summary: DatasetSummaryFields = readDatasetSummary(folder)): DatasetInfo {
    const path = resolve(folder);
    const existing = this.db.prepare<{ id: string }>('SELECT id FROM datasets WHERE path = ?').get(path);
    const id = existing?.id ?? randomUUID();
    this.db.prepare(`INSERT INTO datasets (id, name, path, created, total_bytes, duration_s, num_channels, num_units, num_spikes, dtype, kind)
      VALUES (@id, @name, @path, @created, @total_bytes, @duration_s, @num_channels, @num_units, @num_spikes, @dtype, @kind)
      ON CONFLICT (path) DO UPDATE SET name = excluded.name, created = excluded.created, total_bytes = excluded.total_bytes,
        duration_s = excluded.duration_s, num_channels = excluded.num_channels, num_units = excluded.num_units,
        num_spikes = excluded.num_spikes, dtype = excluded.dtype, kind = excluded.kind`)
      .run({ id, path, created: this.now().toISOString(), ...summary, kind: summary.kind === 'hybrid' ? 'hybrid' : 'drifting' });
    return this.get(id)!;
  }

  list(): DatasetInfo[] {
    return this.db.prepare<DatasetRow>('SELECT * FROM datasets ORDER BY created DESC, rowid DESC').all().map(toInfo);
  }

  get(id: string): DatasetInfo | undefined {
    const row = this.db.prepare<DatasetRow>('SELECT * FROM datasets WHERE id = ?').get(id);
    return row && toInfo(row);
  }

  /** Removes the entry; the files are left alone. Returns false when there was no such entry. */
  forget(id: string): boolean {
    return this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
  }
}

function toInfo(r: DatasetRow): DatasetInfo {
  return {
    id: r.id, name: r.name, path: r.path, created: r.created, totalBytes: r.total_bytes, durationSeconds: r.duration_s,
    numChannels: r.num_channels, numUnits: r.num_units, numSpikes: r.num_spikes, dtype: r.dtype,
    exists: existsSync(join(r.path, 'dataset.json')), kind: r.kind === 'hybrid' ? 'hybrid' : 'drifting',
  };
}
