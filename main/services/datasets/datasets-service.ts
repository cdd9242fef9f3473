/**
 * `datasets.*` of the contract over the catalogue. Revealing a folder is the door's business: the Electron main
 * process injects `revealFolder` (shell.openPath); the web mode has none and returns the path for the page to show,
 * because a browser tab must not make the server open windows on the desktop.
 */
import type { Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import type { ServiceEvents } from '../service-events.ts';
import { readDatasetSummary, type DatasetCatalogue } from './dataset-catalogue.ts';

/** Opens a folder in the system's file manager; resolves with an error sentence, or '' on success (as shell.openPath). */
export type RevealFolder = (path: string) => Promise<string>;

export function createDatasetsService(catalogue: DatasetCatalogue, events: ServiceEvents, revealFolder?: RevealFolder): Api['datasets'] {
  const find = (id: string) => {
    const d = catalogue.get(id);
    if (!d) throw new ApiError('not-found', `no dataset has the id "${id}": it may have been removed from the list; reload it`);
    return d;
  };
  return {
    list: async () => catalogue.list(),
    reveal: async (id) => {
      const d = find(id);
      if (!d.exists) throw new ApiError('not-found', `the folder of "${d.name}" is no longer at ${d.path}: it was moved or deleted; forget the entry or move the folder back`);
      if (!revealFolder) return { path: d.path, opened: false };
      const failure = await revealFolder(d.path);
      if (failure) throw new ApiError('internal', `the folder ${d.path} could not be opened (${failure}); open it from your file manager`);
      return { path: d.path, opened: true };
    },
    add: async (path) => {
      let summary;
      try {
        summary = readDatasetSummary(path);
      } catch (e) {
        throw new ApiError('not-found', `${path} is not a finished Spikegen Studio dataset (${(e as Error).message}); choose the folder that holds dataset.json`);
      }
      const info = catalogue.record(path, summary);
      events.emit('datasets.changed', {});
      return info;
    },
    forget: async (id) => {
      find(id);
      catalogue.forget(id);
      events.emit('datasets.changed', {});
    },
  };
}
