/**
 * Spike trains given from outside (a user's file, a hybrid study), validated and put in SI's order as
 * `NumpySorting.from_unit_dict` and `NumpySorting.from_samples_and_labels` do (spikeinterface/core/numpyextractors.py).
 */
import { fromUnitDict, indexOfId, type SortingWithIds, type UnitId } from './sorting-unit-ids.ts';
import { makeSpikeVector, stableArgsort, takeSpikes } from './sorting-vector.ts';

export interface SpikeTrainInput {
  /** The unit id (SI's dict key). */
  unit: UnitId;
  /** Spike samples of that unit, in any order. */
  samples: ArrayLike<number>;
}

export interface TrainsOptions {
  /** When given, every sample must be < numSamples. */
  numSamples?: number;
}

/**
 * `from_unit_dict` for one segment: unit indices follow the list order; spikes are stably sorted by sample,
 * so ties keep list order, then each train's own order (SI does not sort a train before concatenating).
 */
export function spikeVectorFromTrains(trains: readonly SpikeTrainInput[], opts: TrainsOptions = {}): SortingWithIds {
  const dict = new Map<UnitId, Float64Array>();
  for (const { unit, samples } of trains) {
    if (dict.has(unit)) throw new Error(`Unit ${JSON.stringify(unit)} is listed twice: give each unit's spikes once.`);
    const s = Float64Array.from(samples);
    checkSamples(s, `unit ${JSON.stringify(unit)}`, opts.numSamples);
    dict.set(unit, s);
  }
  return fromUnitDict([dict]);
}

/**
 * `from_samples_and_labels` for one segment: unit ids are `unitIds` or the sorted unique labels (numbers
 * before strings never mix in numpy, so mixed labels are refused); stable sort by sample.
 */
export function spikeVectorFromSamplesAndLabels(samples: ArrayLike<number>, labels: ArrayLike<UnitId>, unitIds?: readonly UnitId[], opts: TrainsOptions = {}): SortingWithIds {
  if (samples.length !== labels.length) throw new Error(`${samples.length} samples but ${labels.length} labels: give one label per spike.`);
  const s = Float64Array.from(samples);
  checkSamples(s, 'the spikes', opts.numSamples);
  const labelList = Array.from(labels);
  const ids = unitIds ? [...unitIds] : uniqueSorted(labelList);
  const u = new Int32Array(labelList.length);
  labelList.forEach((label, i) => {
    const k = indexOfId(ids, label);
    // SI silently gives unknown labels unit index 0; refusing is the only safe reading
    if (k < 0) throw new Error(`The label ${JSON.stringify(label)} is not one of the unit ids: list it in unitIds or fix the labels.`);
    u[i] = k;
  });
  const v = makeSpikeVector(s, u);
  return { spikes: takeSpikes(v, stableArgsort(s)), unitIds: ids };
}

function uniqueSorted(labels: UnitId[]): UnitId[] {
  const kinds = new Set(labels.map((l) => typeof l));
  if (kinds.size > 1) throw new Error('Labels mix numbers and strings: use one kind of unit id.');
  const unique = [...new Set(labels)];
  return kinds.has('number') ? (unique as number[]).sort((a, b) => a - b) : (unique as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function checkSamples(s: Float64Array, what: string, numSamples?: number): void {
  for (let i = 0; i < s.length; i++) {
    const x = s[i];
    if (!Number.isInteger(x) || x < 0 || (numSamples !== undefined && x >= numSamples)) {
      const bound = numSamples !== undefined ? ` below ${numSamples}` : '';
      throw new Error(`Spike sample ${x} of ${what} is not valid: samples must be whole numbers from 0${bound}.`);
    }
  }
}
