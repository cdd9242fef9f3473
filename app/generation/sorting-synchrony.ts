/**
 * `spikeinterface.core.generate.add_synchrony_to_sorting`: copies of randomly chosen spikes, moved to other
 * units at the same sample, merged with `TransformSorting.add_from_sorting`.
 *
 * SI quirks reproduced on purpose (they change the random stream or the result):
 * - "units already used at this sample" is keyed by sample only (not segment), starts with the first drawn
 *   spike's own unit, and compares unit *ids* with unit *indices* via `isin`. With the string ids of a
 *   generated sorting ("0", "1", ...) nothing ever matches, so every unit stays eligible (even the spike's own).
 * - when no unit is left, the copy keeps unit index 0 and no number is drawn.
 * - the chosen *id* is stored as the unit index (float(id)); the same thing when ids are 0..n-1.
 */
import { defaultRng } from '../rng/index.ts';
import { ensureSeed, type Seed } from './sorting-seed.ts';
import { addFromSorting, defaultUnitIds, sameId, type SortingWithIds, type TransformedSorting, type UnitId } from './sorting-unit-ids.ts';
import { lexsortSegmentSample, makeSpikeVector, takeSpikes, type SpikeVector } from './sorting-vector.ts';

export interface SynchronyOptions {
  /** Added synchronous spikes as a fraction of the existing spikes (SI default 0.3). */
  sync_event_ratio?: number;
  seed: Seed | null;
}

/** Accepts a spike vector with SI's generated ids, or a sorting with explicit ids. */
export function addSynchronyToSorting(sorting: SortingWithIds | { spikes: SpikeVector; numUnits: number }, opts: SynchronyOptions): TransformedSorting & { seed: Seed } {
  const base: SortingWithIds = 'unitIds' in sorting ? sorting : { spikes: sorting.spikes, unitIds: defaultUnitIds(sorting.numUnits) };
  const ratio = opts.sync_event_ratio ?? 0.3;
  if (!(ratio >= 0) || !Number.isFinite(ratio)) throw new Error(`sync_event_ratio must be a number >= 0, not ${ratio}.`);
  const seed = ensureSeed(opts.seed);
  const rng = defaultRng(seed);
  const { spikes } = base;
  const ids = base.unitIds;
  const numSync = Math.trunc(spikes.length * ratio);
  const picked = numSync > 0 ? rng.choice(spikes.length, numSync, { replace: true }) : new Float64Array(0);
  const dup = takeSpikes(spikes, picked);

  const newUnit = new Float64Array(numSync);
  const used = new Map<number, UnitId[]>();
  for (let i = 0; i < numSync; i++) {
    const sample = dup.sampleIndex[i];
    let list = used.get(sample);
    if (!list) { list = [dup.unitIndex[i]]; used.set(sample, list); }
    const seen = list;
    const notUsed = ids.filter((id) => !seen.some((v) => sameId(id, v)));
    if (notUsed.length === 0) continue;
    const value = idAsFloat(notUsed[rng.integers(0, notUsed.length)]);
    newUnit[i] = value;
    list.push(value);
  }
  for (let i = 0; i < numSync; i++) {
    const u = Math.trunc(newUnit[i]);
    if (u < 0 || u >= ids.length) {
      throw new Error(`add_synchrony_to_sorting stores the chosen unit id as a unit index (as SpikeInterface does), and id ${newUnit[i]} is not an index: use unit ids 0..n-1.`);
    }
    dup.unitIndex[i] = u;
  }
  const sorted = takeSpikes(dup, lexsortSegmentSample(dup));
  const merged = addFromSorting(base, { spikes: makeSpikeVector(sorted.sampleIndex, sorted.unitIndex, sorted.segmentIndex), unitIds: ids });
  return { ...merged, seed };
}

/** numpy's float(id) when an id lands in SI's float array. */
function idAsFloat(id: UnitId): number {
  const v = typeof id === 'number' ? id : id.trim() === '' ? NaN : Number(id);
  if (Number.isNaN(v)) throw new Error(`The unit id ${JSON.stringify(id)} is not numeric: add_synchrony_to_sorting needs numeric unit ids (as in SpikeInterface).`);
  return v;
}
