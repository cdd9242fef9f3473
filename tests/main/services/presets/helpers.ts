/** Shared by the presets service tests: a fresh data folder per test, a clock that ticks, small documents. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { openPresetStore, type PresetStore, type PresetStoreOptions } from '../../../../main/services/presets/index.ts';

/** A temporary data folder removed when the test ends. */
export function tempDataDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-presets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock that moves one second forward at each reading, so "updated" orders are certain. */
export function tickingClock(start = Date.parse('2026-01-01T00:00:00Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

/** A store on a fresh folder, closed when the test ends. */
export function openTestStore(t: TestContext, options: PresetStoreOptions = {}): { store: PresetStore; dir: string } {
  const dir = tempDataDir(t);
  const store = openPresetStore(dir, { now: tickingClock(), ...options });
  t.after(() => store.close());
  return { store, dir };
}

/** A small valid preset document. */
export function presetDoc(name: string, params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: 'spikegen-preset', version: 1, name, kind: 'drifting', params: { num_units: 5, duration: 100, seed: 1, ...params }, ...extra };
}
