/** Events the back end pushes to the UI (same names over IPC and WebSocket). */
import type { JobInfo } from './types.ts';

export interface EventMap {
  /** a job changed state or progressed (throttled to a few per second per job) */
  'jobs.changed': JobInfo;
  /** the preset list changed (created, renamed, removed...) */
  'presets.changed': { id: string | null };
  /** the dataset catalogue changed */
  'datasets.changed': Record<string, never>;
}

export type EventName = keyof EventMap;

export const EVENT_NAMES: readonly EventName[] = ['jobs.changed', 'presets.changed', 'datasets.changed'];
