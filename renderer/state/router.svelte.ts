/**
 * Which view is on screen. Kept in memory and mirrored in the URL hash (so a reload keeps the place); the token
 * stays in the query string. The viewer comes in a later issue: `openDataset` is its hook.
 */
export type Route =
  | { view: 'presets' }
  | { view: 'editor'; presetId: string }
  | { view: 'jobs' }
  | { view: 'datasets' }
  | { view: 'dataset'; datasetId: string };

export function parseHash(hash: string): Route {
  const [view, arg] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (view === 'editor' && arg) return { view, presetId: arg };
  if (view === 'dataset' && arg) return { view, datasetId: arg };
  if (view === 'jobs' || view === 'datasets') return { view };
  return { view: 'presets' };
}

export function routeHash(r: Route): string {
  if (r.view === 'editor') return `#/editor/${encodeURIComponent(r.presetId)}`;
  if (r.view === 'dataset') return `#/dataset/${encodeURIComponent(r.datasetId)}`;
  return `#/${r.view}`;
}

export class Router {
  route = $state.raw<Route>({ view: 'presets' });

  constructor(hash = '') {
    this.route = parseHash(hash);
  }

  go(r: Route): void {
    this.route = r;
    if (typeof history !== 'undefined') history.replaceState(null, '', routeHash(r));
  }

  openPreset(presetId: string): void { this.go({ view: 'editor', presetId }); }
  /** Opens a dataset's viewers (renderer/viewers/DatasetView.svelte). */
  openDataset(datasetId: string): void { this.go({ view: 'dataset', datasetId }); }
}
