/** Everything the views share, made once at start-up and handed down by context. */
import { getContext, setContext } from 'svelte';
import type { Connection } from '../lib/api.ts';
import type { ConnectionState } from '../lib/transport-web.ts';
import { Datasets } from './datasets.svelte.ts';
import { Jobs } from './jobs.svelte.ts';
import { PresetsList } from './presets-list.svelte.ts';
import { Router } from './router.svelte.ts';
import { Toasts } from './toasts.svelte.ts';

export class AppState {
  readonly toasts = new Toasts();
  readonly router: Router;
  readonly presets: PresetsList;
  readonly jobs: Jobs;
  readonly datasets: Datasets;
  connection = $state<ConnectionState>('connecting');

  readonly conn: Connection;

  constructor(conn: Connection, hash: string) {
    this.conn = conn;
    this.router = new Router(hash);
    this.presets = new PresetsList(conn.api, this.toasts);
    this.jobs = new Jobs(conn.api, this.toasts);
    this.datasets = new Datasets(conn.api, this.toasts);
  }

  get api() { return this.conn.api; }

  /** Attaches to the back end's events; returns the cleanup. */
  attach(): () => void {
    const offs = [
      this.conn.onState((s) => {
        const wasDown = this.connection === 'closed';
        this.connection = s;
        if (s === 'open' && wasDown) void this.refreshAll();
      }),
      this.jobs.listen(),
      this.datasets.listen(),
      this.conn.api.on('presets.changed', () => void this.presets.refresh()),
    ];
    void this.refreshAll();
    return () => offs.forEach((off) => off());
  }

  refreshAll(): Promise<unknown> {
    return Promise.all([this.presets.refresh(), this.jobs.refresh(), this.datasets.refresh()]);
  }
}

const KEY = Symbol('app-state');
export const provideApp = (s: AppState): AppState => setContext(KEY, s);
export const useApp = (): AppState => getContext<AppState>(KEY);
