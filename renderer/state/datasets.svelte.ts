/** The catalogue of finished datasets, refreshed on `datasets.changed`. */
import type { ApiClient } from '../../app/api/client.ts';
import type { DatasetInfo } from '../../app/api/types.ts';
import { errorText } from '../lib/format.ts';
import type { Toasts } from './toasts.svelte.ts';

export class Datasets {
  items = $state.raw<DatasetInfo[]>([]);
  loaded = $state(false);

  private readonly api: ApiClient;
  private readonly toasts: Toasts;

  constructor(api: ApiClient, toasts: Toasts) {
    this.api = api;
    this.toasts = toasts;
  }

  listen(): () => void {
    return this.api.on('datasets.changed', () => void this.refresh());
  }

  find(id: string): DatasetInfo | undefined {
    return this.items.find((d) => d.id === id);
  }

  async refresh(): Promise<void> {
    try {
      const list = await this.api.datasets.list();
      this.items = [...list].sort((a, b) => b.created.localeCompare(a.created));
    } catch (e) {
      this.toasts.error(errorText(e));
    } finally {
      this.loaded = true;
    }
  }

  async reveal(id: string): Promise<void> {
    try {
      const { path, opened } = await this.api.datasets.reveal(id);
      if (!opened) this.toasts.show(`Folder: ${path}`, { ms: 15_000 });
    } catch (e) {
      this.toasts.error(errorText(e));
    }
  }
}
