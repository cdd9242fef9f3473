/** Generation jobs, kept live by `jobs.changed` events. */
import type { ApiClient } from '../../app/api/client.ts';
import type { JobInfo } from '../../app/api/types.ts';
import { errorText } from '../lib/format.ts';
import type { Toasts } from './toasts.svelte.ts';

export class Jobs {
  items = $state.raw<JobInfo[]>([]);
  active = $derived(this.items.filter((j) => j.state === 'queued' || j.state === 'running').length);

  private readonly api: ApiClient;
  private readonly toasts: Toasts;

  constructor(api: ApiClient, toasts: Toasts) {
    this.api = api;
    this.toasts = toasts;
  }

  /** Subscribes to job events; returns the unsubscribe function. */
  listen(): () => void {
    return this.api.on('jobs.changed', (job) => this.upsert(job));
  }

  upsert(job: JobInfo): void {
    const i = this.items.findIndex((j) => j.id === job.id);
    this.items = i < 0 ? [job, ...this.items] : this.items.map((j, k) => (k === i ? job : j));
  }

  async refresh(): Promise<void> {
    try {
      const list = await this.api.jobs.list();
      this.items = [...list].sort((a, b) => b.created.localeCompare(a.created));
    } catch (e) {
      this.toasts.error(errorText(e));
    }
  }

  async start(presetId: string): Promise<JobInfo | null> {
    try {
      const job = await this.api.jobs.start(presetId);
      this.upsert(job);
      return job;
    } catch (e) {
      this.toasts.error(errorText(e));
      return null;
    }
  }

  async cancel(id: string): Promise<void> {
    try {
      this.upsert(await this.api.jobs.cancel(id));
    } catch (e) {
      this.toasts.error(errorText(e));
    }
  }
}
