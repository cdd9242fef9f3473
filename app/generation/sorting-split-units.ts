/**
 * `spikeinterface.core.generate.inject_some_split_units`: each unit of `split_ids` is replaced by `num_split`
 * new units that share its spikes at random (`integers(0, num_split, n_spikes)` per unit and segment).
 *
 * The result is a plain `NumpySorting.from_unit_dict`: its unit order is the original order with every split
 * unit replaced, in place, by its new units. New ids are integers from `max(int(ids)) + 1`, as strings when
 * the ids are strings (SI requires string ids to be all digits).
 */
import { defaultRng } from '../rng/index.ts';
import { ensureSeed, type Seed } from './sorting-seed.ts';
import { fromUnitDict, idAsInteger, numSegments, sameId, unitTrains, type SortingWithIds, type UnitId } from './sorting-unit-ids.ts';

export interface SplitOptions {
  /** Ids of the units to split (compared with numpy/Python equality: "3" is not 3). */
  split_ids: readonly UnitId[];
  /** Units each split unit becomes (SI default 2). */
  num_split?: number;
  seed: Seed | null;
}

export interface SplitSorting extends SortingWithIds {
  /** For each split id, its new ids (SI's `other_ids`, returned when `output_ids=True`). */
  otherIds: Map<UnitId, UnitId[]>;
  seed: Seed;
}

export function injectSomeSplitUnits(sorting: SortingWithIds, opts: SplitOptions): SplitSorting {
  const numSplit = opts.num_split ?? 2;
  if (!Number.isInteger(numSplit) || numSplit < 1) throw new Error(`num_split must be a whole number >= 1, not ${numSplit}.`);
  const ids = sorting.unitIds;
  if (ids.length === 0) throw new Error('Cannot split units of a sorting without units.');
  const integerIds = ids.every((id) => typeof id === 'number');
  if (!integerIds && !ids.every((id) => typeof id === 'string' && /^\d+$/.test(id))) {
    throw new Error('Not all unit ids are parsable as integers: inject_some_split_units needs integer ids or all-digit string ids.');
  }
  let m = Math.max(...ids.map(idAsInteger)) + 1;
  const otherIds = new Map<UnitId, UnitId[]>();
  for (const id of opts.split_ids) {
    const fresh = Array.from({ length: numSplit }, (_, k) => (integerIds ? m + k : String(m + k)));
    otherIds.set(id, fresh);
    m += numSplit;
  }
  const seed = ensureSeed(opts.seed);
  const rng = defaultRng(seed);
  const segments: Map<UnitId, Float64Array>[] = [];
  for (let seg = 0; seg < numSegments(sorting.spikes); seg++) {
    const trains = unitTrains(sorting, seg);
    const units = new Map<UnitId, Float64Array>();
    ids.forEach((id, u) => {
      const original = trains[u];
      const key = opts.split_ids.find((s) => sameId(s, id));
      if (key === undefined) { units.set(id, original); return; }
      // numpy draws nothing for size 0; skip the call rather than rely on it
      const which = original.length > 0 ? rng.integersArray(0, numSplit, original.length) : new Float64Array(0);
      const fresh = otherIds.get(key) ?? [];
      for (let split = 0; split < numSplit; split++) units.set(fresh[split], original.filter((_, k) => which[k] === split));
    });
    segments.push(units);
  }
  return { ...fromUnitDict(segments), otherIds, seed };
}
