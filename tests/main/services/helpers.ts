/** Shared by the services tests: a temporary data folder, tiny presets that generate in about a second, event waits. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { EventMap, EventName } from '../../../app/api/events.ts';
import type { ServiceEvents } from '../../../main/services/service-events.ts';

export function tempDir(t: TestContext, prefix = 'spikegen-services-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A valid preset document: `units` units on a tetrode for `duration` seconds (a second of it renders in well under one). */
export function tinyPreset(name: string, o: { duration?: number; units?: number; probe?: string } = {}): Record<string, unknown> {
  return {
    format: 'spikegen-preset', version: 1, name, kind: 'drifting',
    params: {
      num_units: o.units ?? 2, duration: o.duration ?? 1, probe_name: o.probe ?? 'tetrode', seed: 42,
      // SpikeInterface's default drift starts at 60 s: a short recording needs its own
      generate_displacement_vector_kwargs: {
        displacement_sampling_frequency: 5.0, drift_start_um: [0, 20], drift_stop_um: [0, -20], drift_step_um: 1,
        motion_list: [{ drift_mode: 'zigzag', non_rigid_gradient: null, t_start_drift: 0.2, t_end_drift: null, period_s: 1 }],
      },
    },
    output: { dtype: 'int16', chunk_seconds: 0.25 },
  };
}

/** Resolves with the first event payload that satisfies `match`, or rejects after `timeoutMs`. */
export function waitForEvent<E extends EventName>(events: ServiceEvents, event: E, match: (p: EventMap[E]) => boolean, timeoutMs = 60_000): Promise<EventMap[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`no matching ${event} event within ${timeoutMs} ms`)); }, timeoutMs);
    const off = events.on(event, (p) => {
      if (!match(p)) return;
      clearTimeout(timer);
      off();
      resolve(p);
    });
  });
}
