/**
 * `spikeinterface.core.generate.inject_some_duplicate_units`: `num` new units copying units 0..num-1, each
 * shifted by a random number of samples (optionally keeping only a fraction `ratio` of the spikes), merged
 * with `TransformSorting.add_from_sorting`.
 *
 * SI quirks reproduced: shifts are `integers(-max_shift, max_shift)` (high excluded) with 0 replaced by
 * `max_shift`; new ids are `max(int(ids)) + 1 ...` cast to the ids' numpy dtype, so string ids are cut to the
 * longest existing id ("10" becomes "1" in a 10-unit generated sorting, whose ids are '<U1'); ids that collide
 * collapse into one dict entry (last shift and last train win) and, if they name an existing unit, the copies
 * are added to that unit.
 */
import { defaultRng } from '../rng/index.ts';
import { ensureSeed, type Seed } from './sorting-seed.ts';
import { addFromSorting, fromUnitDict, idAsInteger, numSegments, unitTrains, type SortingWithIds, type TransformedSorting, type UnitId } from './sorting-unit-ids.ts';

export interface DuplicateOptions {
  /** Number of injected units (SI default 4). */
  num?: number;
  /** Shift range in samples (SI default 5). */
  max_shift?: number;
  /** Fraction of the original spikes kept in each copy, in (0, 1]; null keeps all. */
  ratio?: number | null;
  seed: Seed | null;
}

export function injectSomeDuplicateUnits(sorting: SortingWithIds, opts: DuplicateOptions): TransformedSorting & { seed: Seed } {
  const num = opts.num ?? 4;
  const maxShift = opts.max_shift ?? 5;
  const ratio = opts.ratio ?? null;
  const ids = sorting.unitIds;
  if (!Number.isInteger(num) || num < 0 || num > ids.length) {
    throw new Error(`Cannot duplicate ${num} units of a sorting with ${ids.length}: num must be between 0 and the number of units.`);
  }
  if (!Number.isInteger(maxShift) || maxShift < 1) throw new Error(`max_shift must be a whole number of samples >= 1, not ${maxShift}.`);
  if (ratio !== null && !(ratio > 0 && ratio <= 1)) throw new Error(`ratio must be in (0, 1] (or null for all spikes), not ${ratio}.`);
  if (ids.length === 0) throw new Error('Cannot inject duplicate units into a sorting without units.');
  const seed = ensureSeed(opts.seed);
  const rng = defaultRng(seed);

  const next = Math.max(...ids.map(idAsInteger)) + 1;
  const otherIds = Array.from({ length: num }, (_, k) => castLikeIds(next + k, ids));
  const shifts = num > 0 ? rng.integersArray(-maxShift, maxShift, num) : new Float64Array(0);
  const peakShift = new Map<UnitId, number>();
  otherIds.forEach((id, k) => peakShift.set(id, shifts[k] === 0 ? shifts[k] + maxShift : shifts[k]));

  const segments: Map<UnitId, Float64Array>[] = [];
  for (let seg = 0; seg < numSegments(sorting.spikes); seg++) {
    const trains = unitTrains(sorting, seg);
    const r = new Map<UnitId, Float64Array>();
    otherIds.forEach((id, i) => {
      const original = trains[i];
      if (original.length === 0) {
        throw new Error(`Unit ${JSON.stringify(ids[i])} has no spike in segment ${seg}, so it cannot be duplicated (SpikeInterface fails here too): use units that fire.`);
      }
      const shift = peakShift.get(id) ?? 0;
      let times = original.map((t) => t + shift);
      if (ratio !== null) {
        const n = original.length;
        const sel = rng.choice(n, Math.trunc(n * ratio), { replace: false });
        times = Float64Array.from(sel, (k) => times[k]);
      }
      const last = original[original.length - 1];
      r.set(id, times.map((t) => Math.min(Math.max(t, 0), last)).sort());
    });
    segments.push(r);
  }
  const added = fromUnitDict(segments);
  return { ...addFromSorting(sorting, added), seed };
}

/** `np.arange(...).astype(unit_ids.dtype)`: strings are cut to the longest id, as numpy's '<Uk' does. */
function castLikeIds(value: number, ids: readonly UnitId[]): UnitId {
  if (typeof ids[0] === 'number') return value;
  const width = Math.max(...ids.map((id) => String(id).length));
  return String(value).slice(0, width);
}
