/**
 * Unit ids and the two SI sorting constructors the transforms go through:
 * `NumpySorting.from_unit_dict` and `TransformSorting.add_from_sorting` (spikeinterface/core).
 *
 * SI compares unit ids with numpy's `isin`: a string id never equals a number, numbers compare by value. A
 * generated sorting has string ids "0".."n-1", and some SI transforms compare those ids with unit *indices*
 * (see sorting-synchrony.ts), so ids are kept as given, strings or numbers, never coerced.
 */
import { concatSpikes, lexsortSegmentSample, makeSpikeVector, stableArgsort, takeSpikes, type SpikeVector } from './sorting-vector.ts';

export type UnitId = string | number;

export interface SortingWithIds {
  spikes: SpikeVector;
  unitIds: UnitId[];
}

/** What `TransformSorting` keeps: the merged spikes and which of them were added. */
export interface TransformedSorting extends SortingWithIds {
  /** 1 where the spike was added (to an existing unit or a new one), as `added_spikes_mask`. */
  addedMask: Uint8Array;
  addedFromExistingMask: Uint8Array;
  addedFromNewMask: Uint8Array;
}

/** The ids `generate_sorting` gives: "0", "1", ... */
export function defaultUnitIds(numUnits: number): string[] {
  return Array.from({ length: numUnits }, (_, i) => String(i));
}

/** numpy `isin` equality between two ids. */
export function sameId(a: UnitId, b: UnitId): boolean {
  return typeof a === typeof b && a === b;
}

export function indexOfId(ids: readonly UnitId[], id: UnitId): number {
  for (let i = 0; i < ids.length; i++) if (sameId(ids[i], id)) return i;
  return -1;
}

/** `sorting.get_unit_spike_train(unit_id, segment_index)` for every unit: samples per unit, in vector order. */
export function unitTrains(sorting: SortingWithIds, segmentIndex: number): Float64Array[] {
  const { spikes } = sorting;
  const counts = new Int32Array(sorting.unitIds.length);
  const inSeg = (i: number) => (spikes.segmentIndex ? spikes.segmentIndex[i] : 0) === segmentIndex;
  for (let i = 0; i < spikes.length; i++) if (inSeg(i)) counts[spikes.unitIndex[i]]++;
  const trains = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(counts.length);
  for (let i = 0; i < spikes.length; i++) {
    if (!inSeg(i)) continue;
    const u = spikes.unitIndex[i];
    trains[u][fill[u]++] = spikes.sampleIndex[i];
  }
  return trains;
}

export function numSegments(spikes: SpikeVector): number {
  let n = 1; // SI sortings have at least one segment
  if (spikes.segmentIndex) for (let i = 0; i < spikes.length; i++) n = Math.max(n, spikes.segmentIndex[i] + 1);
  return n;
}

/**
 * `NumpySorting.from_unit_dict`: unit ids are the first segment's keys in insertion order; per segment the
 * trains are concatenated in that order and stably sorted by sample (ties keep unit order, then train order).
 */
export function fromUnitDict(segments: readonly Map<UnitId, Float64Array>[]): SortingWithIds {
  const unitIds = segments.length > 0 ? [...segments[0].keys()] : [];
  const parts = segments.map((dict, seg) => {
    const trains = unitIds.map((id) => {
      const train = dict.get(id);
      if (!train) throw new Error(`Unit ${JSON.stringify(id)} has no spike train in segment ${seg}: every segment must list the same units.`);
      return train;
    });
    const n = trains.reduce((a, t) => a + t.length, 0);
    const s = new Float64Array(n);
    const u = new Int32Array(n);
    let o = 0;
    trains.forEach((t, k) => { s.set(t, o); u.fill(k, o, o + t.length); o += t.length; });
    const v = makeSpikeVector(s, u, new Int32Array(n).fill(seg));
    return takeSpikes(v, stableArgsort(s));
  });
  return { spikes: concatSpikes(parts), unitIds };
}

/**
 * `TransformSorting.add_from_sorting(sorting1, sorting2)`: spikes of units sorting1 knows are remapped to its
 * indices; the others become new units appended after sorting1's. The concatenation (sorting1, added to
 * existing units, added to new units) is then lexsorted by (segment, sample): ties keep that order, with no
 * sort by unit.
 */
export function addFromSorting(base: SortingWithIds, other: SortingWithIds): TransformedSorting {
  const exclusive: UnitId[] = [];
  const remap = new Int32Array(other.unitIds.length);
  const isCommon = new Uint8Array(other.unitIds.length);
  other.unitIds.forEach((id, j) => {
    const i = indexOfId(base.unitIds, id);
    if (i >= 0) { remap[j] = i; isCommon[j] = 1; } else { remap[j] = base.unitIds.length + exclusive.length; exclusive.push(id); }
  });
  const common: number[] = [];
  const fresh: number[] = [];
  for (let k = 0; k < other.spikes.length; k++) (isCommon[other.spikes.unitIndex[k]] ? common : fresh).push(k);
  const remapped = (idx: number[]) => {
    const v = takeSpikes(other.spikes, idx);
    for (let k = 0; k < v.length; k++) v.unitIndex[k] = remap[v.unitIndex[k]];
    return v;
  };
  const all = concatSpikes([base.spikes, remapped(common), remapped(fresh)]);
  const fromExisting = new Uint8Array(all.length).fill(1, base.spikes.length, base.spikes.length + common.length);
  const fromNew = new Uint8Array(all.length).fill(1, base.spikes.length + common.length);
  const order = lexsortSegmentSample(all);
  const spikes = takeSpikes(all, order);
  const addedFromExistingMask = Uint8Array.from(order, (k) => fromExisting[k]);
  const addedFromNewMask = Uint8Array.from(order, (k) => fromNew[k]);
  const addedMask = addedFromExistingMask.map((a, k) => a | addedFromNewMask[k]);
  return { spikes, unitIds: [...base.unitIds, ...exclusive], addedMask, addedFromExistingMask, addedFromNewMask };
}

/** Python `int(unit_id)` as SI uses it to find the next free integer id. */
export function idAsInteger(id: UnitId): number {
  if (typeof id === 'number') return Math.trunc(id);
  if (!/^\s*[+-]?\d+\s*$/.test(id)) throw new Error(`The unit id ${JSON.stringify(id)} is not an integer: this operation needs integer-like unit ids.`);
  return Number(id);
}
