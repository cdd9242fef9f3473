/**
 * State shared by a dataset's views: what the dataset is (traces.open), which tab shows, and the selected unit —
 * clicking a unit anywhere (a spike marker, a raster point, a unit on the probe) selects it everywhere.
 */
import { getContext, setContext } from 'svelte';
import type { ApiClient } from '../../app/api/client.ts';
import type { TraceInfo } from '../../app/api/viewer-types.ts';

export type ViewerTab = 'traces' | 'drift' | 'templates';

export class ViewerState {
  info = $state.raw<TraceInfo | null>(null);
  error = $state('');
  tab = $state<ViewerTab>('traces');
  selectedUnit = $state<number | null>(null);
  readonly api: ApiClient;
  readonly datasetId: string;

  constructor(api: ApiClient, datasetId: string) {
    this.api = api;
    this.datasetId = datasetId;
  }

  async open(): Promise<void> {
    try {
      this.info = await this.api.traces.open(this.datasetId);
    } catch (e) {
      this.error = (e as Error).message ?? String(e);
    }
  }

  select(unit: number | null): void {
    this.selectedUnit = unit;
  }
}

const KEY = Symbol('viewer-state');
export const provideViewer = (s: ViewerState): ViewerState => setContext(KEY, s);
export const useViewer = (): ViewerState => getContext<ViewerState>(KEY);
