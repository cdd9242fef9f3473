/**
 * `presets.*` of the contract over the presets store (main/services/presets/): shapes the store's records into the
 * contract's, turns its errors (PresetStoreError with a kind) into ApiError, and announces changes as
 * `presets.changed`. The store is synchronous; the contract is a promise API, so every method is async.
 */
import type { Api } from '../../app/api/contract.ts';
import { ApiError, type ApiErrorKind } from '../../app/api/errors.ts';
import type { PresetRecord as ApiPresetRecord, PresetSummary as ApiPresetSummary } from '../../app/api/types.ts';
import type { PresetV1 } from '../../app/presets/index.ts';
import { validatePresetOfAnyKind } from '../../app/presets/validate.ts';
import { safeFolderName } from './jobs/dataset-folder.ts';
import { PresetStoreError, type PresetStoreErrorKind, type PresetRecord, type PresetStore, type PresetSummary } from './presets/index.ts';
import type { ServiceEvents } from './service-events.ts';

const KINDS: Record<PresetStoreErrorKind, ApiErrorKind> = {
  'not-found': 'not-found', 'read-only': 'read-only', invalid: 'invalid-preset', 'name-taken': 'conflict',
  'corrupt-database': 'corrupt-database', 'newer-database': 'newer-database', unavailable: 'internal',
};

/** A store error as the contract's error; anything else is rethrown (dispatch reports it as 'internal'). */
export function toApiError(e: unknown): unknown {
  if (!(e instanceof PresetStoreError)) return e;
  // invalid-preset's details are the Problem[] (app/api/errors.ts); the other kinds keep the store's details
  const details = e.kind === 'invalid' ? e.details.problems ?? [] : e.details;
  return new ApiError(KINDS[e.kind], e.message, details);
}

function adapted<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => Promise<R> {
  return async (...a: A) => {
    try {
      return f(...a);
    } catch (e) {
      throw toApiError(e);
    }
  };
}

function summary(s: PresetSummary): ApiPresetSummary {
  return { id: s.id, name: s.name, description: s.description, builtin: s.builtin, valid: s.valid, updated: s.updated };
}

function record(r: PresetRecord): ApiPresetRecord {
  const doc = r.document as Partial<PresetV1>;
  const params = doc?.params;
  return {
    ...summary(r), document: r.document as PresetV1, problems: r.problems, versionId: r.versionId,
    numUnits: params?.num_units, duration: params?.duration, probe: params?.probe_name,
    kind: (doc as { kind?: unknown })?.kind === 'hybrid' ? 'hybrid' : 'drifting',
  };
}

export function createPresetsApi(store: PresetStore, events: ServiceEvents): Api['presets'] {
  const changed = (id: string | null) => events.emit('presets.changed', { id });
  const changing = <A extends unknown[]>(f: (...a: A) => PresetRecord) => adapted((...a: A) => {
    const r = f(...a);
    changed(r.id);
    return record(r);
  });
  return {
    list: adapted((o) => store.list(o).map(summary)),
    get: adapted((id) => record(store.get(id))),
    create: changing((doc) => store.create(doc)),
    duplicate: changing((id, name) => store.duplicate(id, name)),
    rename: changing((id, name) => store.rename(id, name)),
    remove: adapted((id) => {
      const { name } = store.get(id);
      store.remove(id);
      changed(id);
      return { id, name };
    }),
    undoRemove: changing((id) => store.undoRemove(id)),
    save: adapted((id, doc) => {
      const r = store.save(id, doc);
      if (r.saved) changed(id);
      return { saved: r.saved, versionId: r.preset.versionId, valid: r.preset.valid, problems: r.preset.problems };
    }),
    history: adapted((id) => store.history(id).map((v) => ({ versionId: v.versionId, saved: v.savedAt, valid: v.valid, name: v.name }))),
    restoreVersion: changing((id, versionId) => store.restoreVersion(id, versionId)),
    exportText: adapted((id) => {
      const text = store.exportText(id);
      return { fileName: `${safeFolderName(store.get(id).name)}.json`, text };
    }),
    importText: adapted((text, fileName) => {
      try {
        const r = store.importText(text, fileName);
        changed(r.id);
        return { ok: true as const, id: r.id, name: r.name };
      } catch (e) {
        // a file with problems is an answer for the import dialog, not a failure
        if (e instanceof PresetStoreError && e.kind === 'invalid' && e.details.problems) return { ok: false as const, problems: e.details.problems };
        throw e;
      }
    }),
    validate: async (doc) => {
      const r = validatePresetOfAnyKind(doc);
      return r.ok ? [] : r.problems;
    },
  };
}
