/**
 * A local zarr v2 folder as a zarrita store, for `Templates.to_zarr` output (`Templates.from_zarr` in SI). The
 * folder is listed with readdir, so it does not need consolidated metadata (SI's `to_zarr` does not consolidate).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type * as zarr from 'zarrita';
import { TemplateDatabaseError } from './template-database-errors.ts';
import type { GroupListing } from './template-zarr-probe.ts';
import { readTemplatesFromZarr, type ReadTemplatesOptions, type TemplateZarrSource } from './template-zarr-read.ts';
import type { Templates } from './templates-object.ts';

const exists = (p: string) => stat(p).then(() => true, () => false);

export function folderSource(folder: string): TemplateZarrSource {
  const store: zarr.AsyncReadable = {
    async get(key) {
      try {
        return new Uint8Array(await readFile(join(folder, ...key.split('/').filter(Boolean))));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
  };
  return {
    store, label: `the templates folder ${folder}`,
    async list(groupPath: string): Promise<GroupListing> {
      const dir = join(folder, ...groupPath.split('/').filter(Boolean));
      const out: GroupListing = { arrays: [], groups: [] };
      for (const name of (await readdir(dir)).sort()) {
        if (await exists(join(dir, name, '.zarray'))) out.arrays.push(name);
        else if (await exists(join(dir, name, '.zgroup'))) out.groups.push(name);
      }
      return out;
    },
  };
}

/** `Templates.from_zarr(folder_path)`; `unitIndices` reads only those units. */
export async function loadTemplatesFromZarrFolder(folder: string, opts: ReadTemplatesOptions = {}): Promise<Templates> {
  if (!(await exists(join(folder, '.zgroup')))) {
    throw new TemplateDatabaseError('invalid', `${folder} is not a zarr v2 group (no .zgroup): save templates with Templates.to_zarr.`);
  }
  return readTemplatesFromZarr(folderSource(folder), opts);
}
