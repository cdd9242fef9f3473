/**
 * The opened datasets, by catalogue id: each is read once (dataset-source.ts) and kept while it is among the
 * last few opened, so scrolling never re-reads the ground truth.
 */
import { ApiError } from '../../../app/api/errors.ts';
import type { DatasetCatalogue } from '../datasets/dataset-catalogue.ts';
import { openDatasetSource, type DatasetSource } from './dataset-source.ts';

const KEEP = 3;

export class DatasetSources {
  private readonly open = new Map<string, DatasetSource>();

  constructor(private readonly catalogue: DatasetCatalogue) {}

  get(id: string): DatasetSource {
    const hit = this.open.get(id);
    if (hit) {
      this.open.delete(id);
      this.open.set(id, hit);
      return hit;
    }
    const d = this.catalogue.get(id);
    if (!d) throw new ApiError('not-found', `no dataset has the id "${id}": it may have been removed from the list; reload it`);
    if (!d.exists) throw new ApiError('not-found', `the folder of "${d.name}" is no longer at ${d.path}: it was moved or deleted; forget the entry or move the folder back`);
    let src: DatasetSource;
    try {
      src = openDatasetSource(d.path);
    } catch (e) {
      throw new ApiError('not-found', `the dataset "${d.name}" at ${d.path} cannot be read (${(e as Error).message}); generate it again`);
    }
    this.open.set(id, src);
    while (this.open.size > KEEP) this.open.delete(this.open.keys().next().value as string);
    return src;
  }

  forget(id: string): void {
    this.open.delete(id);
  }
}
