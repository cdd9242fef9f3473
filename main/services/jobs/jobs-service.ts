/**
 * `jobs.*` of the contract: checks a start request (preset valid, output folder free, enough disk) and answers at
 * once with the queued job; the queue does the rest. The list merges the live jobs over the stored history.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import type { JobInfo, JobOptions } from '../../../app/api/types.ts';
import { isHybridPreset, type AnyPresetV1 } from '../../../app/presets/hybrid-types.ts';
import { freeBytesAt, NotEnoughSpaceError } from '../generation/estimate.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { defaultDatasetFolder } from './dataset-folder.ts';
import { estimatePresetBytes } from './job-estimate.ts';
import { estimateHybridBytes } from './hybrid-job-estimate.ts';
import type { JobQueue } from './job-queue.ts';
import type { JobStore } from './job-store.ts';

/** Returns a preset that passes validation, or throws an ApiError ('not-found', 'invalid-preset'). */
export type LoadValidPreset = (id: string) => Promise<AnyPresetV1>;

const estimateBytes = (preset: AnyPresetV1, options: JobOptions): number =>
  (isHybridPreset(preset) ? estimateHybridBytes(preset, options) : estimatePresetBytes(preset, options));

export interface JobsServiceDeps {
  queue: JobQueue;
  store: JobStore;
  settings: SettingsService;
  loadPreset: LoadValidPreset;
  now?: () => Date;
}

export function createJobsService(d: JobsServiceDeps): Api['jobs'] {
  const now = d.now ?? (() => new Date());
  const outputFolder = (preset: AnyPresetV1, options: JobOptions): string => {
    const taken = (p: string) => d.queue.liveJobs().some((j) => j.out === p);
    if (options.out === undefined) return defaultDatasetFolder(d.settings.get().datasetsFolder, preset.name, now(), taken);
    if (!isAbsolute(options.out)) throw new ApiError('invalid-argument', `the output folder must be a full path, not "${options.out}"`);
    const out = resolve(options.out);
    if (existsSync(out) && readdirSync(out).length > 0) throw new ApiError('conflict', `${out} already exists and is not empty: choose another output folder`);
    if (taken(out)) throw new ApiError('conflict', `another job in the queue already writes to ${out}: choose another output folder`);
    return out;
  };

  return {
    start: async (presetId, options = {}) => {
      const preset = await d.loadPreset(presetId);
      const out = outputFolder(preset, options);
      const needed = estimateBytes(preset, options);
      const free = freeBytesAt(out);
      if (needed > free) {
        const e = new NotEnoughSpaceError(needed, free, out);
        throw new ApiError('not-enough-space', e.message, { needed, available: free });
      }
      const info: JobInfo = {
        id: randomUUID(), presetId, presetName: preset.name, out, state: 'queued', created: now().toISOString(),
        fraction: 0, chunksDone: 0, chunksTotal: 0, realtimeFactor: 0, megabytesPerSecond: 0, etaSeconds: null,
      };
      return d.queue.enqueue(info, options, preset);
    },
    list: async () => {
      const live = new Map(d.queue.liveJobs().map((j) => [j.id, j]));
      return d.store.list().map((j) => live.get(j.id) ?? j);
    },
    cancel: async (id) => {
      const live = d.queue.cancel(id);
      if (live) return live;
      const stored = d.store.get(id);
      if (!stored) throw new ApiError('not-found', `no job has the id "${id}": reload the jobs list`);
      return stored.job; // already ended: cancelling again changes nothing
    },
    estimate: async (presetId, options = {}) => {
      const preset = await d.loadPreset(presetId);
      const out = outputFolder(preset, options);
      return { totalBytes: estimateBytes(preset, options), freeBytes: freeBytesAt(out), out };
    },
  };
}
