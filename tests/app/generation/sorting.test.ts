// Spike trains against the real SpikeInterface 0.105 / numpy 1.24.2 values (tests/fixtures/reference/parity),
// plus the errors and edge cases of generate_sorting. Integers and rates must match exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ensureFiringRates, generateSorting, synthesizeAmplitudeFactor, synthesizePoissonSpikeVector,
} from '../../../app/generation/sorting.ts';
import { defaultRng } from '../../../app/rng/index.ts';
import { refJson, refNpy, refStructuredNpy } from '../../helpers/reference.ts';

const P = 'parity/';
const nums = (a: ArrayLike<number | bigint>) => Array.from(a as ArrayLike<number>, (v) => Number(v));

interface Meta {
  params: { num_units: number; duration: number; sampling_frequency: number; seed: number };
  defaults_used: { generate_sorting_kwargs: { firing_rates: [number, number]; refractory_period_ms: number } };
}

/** The parity run's generate_sorting call, read from meta.json so other seeds/mixes can be dropped in. */
function parityCall() {
  const m = refJson<Meta>(P + 'meta.json');
  const k = m.defaults_used.generate_sorting_kwargs;
  return {
    num_units: m.params.num_units, sampling_frequency: m.params.sampling_frequency, durations: [m.params.duration],
    firing_rates: { range: k.firing_rates }, refractory_period_ms: k.refractory_period_ms, seed: m.params.seed,
  };
}

test('generateSorting reproduces SI exactly: firing rates (bitwise), every spike sample and unit', () => {
  const r = generateSorting(parityCall());
  assert.deepEqual(Array.from(r.firingRates), nums(refNpy(P + 'firing_rates.npy').data as Float64Array));
  assert.deepEqual(Array.from(r.spikes.sampleIndex), nums(refNpy(P + 'spike_sample_index.npy').data as BigInt64Array));
  assert.deepEqual(Array.from(r.spikes.unitIndex), nums(refNpy(P + 'spike_unit_index.npy').data as BigInt64Array));
  const sv = refStructuredNpy(P + 'spike_vector.npy');
  assert.equal(r.spikes.length, sv.shape[0]);
  assert.deepEqual(Array.from(r.spikes.sampleIndex), nums(sv.columns.sample_index as BigInt64Array));
  assert.deepEqual(Array.from(r.spikes.unitIndex), nums(sv.columns.unit_index as BigInt64Array));
  assert.deepEqual(Array.from(r.spikes.segmentIndex ?? []), nums(sv.columns.segment_index as BigInt64Array));
  assert.deepEqual(r.unitIds, Array.from({ length: 10 }, (_, i) => String(i)));
  assert.equal(r.seed, 2205);
});

test('synthesizePoissonSpikeVector alone gives the same trains (seed + segment 0)', () => {
  const c = parityCall();
  const r = synthesizePoissonSpikeVector({ ...c, duration: c.durations[0] });
  assert.deepEqual(Array.from(r.samples), nums(refNpy(P + 'spike_sample_index.npy').data as BigInt64Array));
});

test('spikes are ordered by (sample, unit), respect the refractory period and stay inside the segment', () => {
  const r = generateSorting({ num_units: 40, sampling_frequency: 30000, durations: [20], firing_rates: 50, refractory_period_ms: 2, seed: 5 });
  const { sampleIndex: s, unitIndex: u } = r.spikes;
  let ties = 0;
  const last = new Float64Array(40).fill(-Infinity);
  for (let i = 0; i < r.spikes.length; i++) {
    if (i > 0) {
      assert.ok(s[i] > s[i - 1] || (s[i] === s[i - 1] && u[i] > u[i - 1]), `order at ${i}`);
      if (s[i] === s[i - 1]) ties++;
    }
    assert.ok(s[i] - last[u[i]] > 60, 'refractory frames + at least one');
    last[u[i]] = s[i];
    assert.ok(s[i] >= 1 && s[i] <= 20 * 30000 - 1);
  }
  assert.ok(ties > 0, 'this density has simultaneous spikes, so the tie order is exercised');
});

test('several segments: segment k uses seed + k (rates drawn again per segment, as in SI)', () => {
  const r = generateSorting({ num_units: 5, sampling_frequency: 30000, durations: [3, 2], firing_rates: { range: [2, 8] }, seed: 40 });
  const seg1 = synthesizePoissonSpikeVector({ num_units: 5, sampling_frequency: 30000, duration: 2, firing_rates: { range: [2, 8] }, seed: 41 });
  const first1 = r.spikes.segmentIndex!.indexOf(1);
  assert.deepEqual(Array.from(r.spikes.sampleIndex.subarray(first1)), Array.from(seg1.samples));
  assert.deepEqual(Array.from(r.segmentFiringRates[1]), Array.from(seg1.firingRates));
  assert.notDeepEqual(Array.from(r.segmentFiringRates[0]), Array.from(r.segmentFiringRates[1]));
});

test('zero units gives an empty sorting, one unit a valid train', () => {
  const zero = generateSorting({ num_units: 0, sampling_frequency: 30000, durations: [10], firing_rates: { range: [2, 8] }, seed: 1 });
  assert.equal(zero.spikes.length, 0);
  const one = generateSorting({ num_units: 1, sampling_frequency: 30000, durations: [10], seed: 1 });
  assert.ok(one.spikes.length > 5 && one.spikes.unitIndex.every((u) => u === 0));
});

test('a refractory period too long for the rate is a clear error, like SI', () => {
  assert.throws(() => generateSorting({ num_units: 3, sampling_frequency: 30000, durations: [1], firing_rates: 10, refractory_period_ms: 100, seed: 1 }),
    /refractory period of 100 ms is too long for a firing rate of 10 Hz: it must be shorter than 1000\/rate = 100 ms/);
  assert.throws(() => generateSorting({ num_units: 2, sampling_frequency: 30000, durations: [1], firing_rates: [3, 0], seed: 1 }), /firing rate of 0 Hz is not possible/);
});

test('ensureFiringRates: one rate, a range drawn from a fresh generator, one per unit; bad input is refused', () => {
  assert.deepEqual(Array.from(ensureFiringRates(3, 2, 0)), [3, 3]);
  assert.deepEqual(ensureFiringRates({ range: [2, 8] }, 4, 9), defaultRng(9).uniformArray(2, 8, 4));
  assert.deepEqual(Array.from(ensureFiringRates([1, 2], 2, 0)), [1, 2]);
  assert.throws(() => ensureFiringRates([1, 2], 3, 0), /2 firing rates were given for 3 units/);
  assert.throws(() => ensureFiringRates({ range: [8, 2] }, 3, 0), /range \(8, 2\) is not valid: give \(low, high\) with low <= high/);
});

test('a null seed is drawn, returned, and rebuilds the same sorting', () => {
  const a = generateSorting({ num_units: 3, sampling_frequency: 30000, durations: [2], seed: null });
  const b = generateSorting({ num_units: 3, sampling_frequency: 30000, durations: [2], seed: a.seed });
  assert.deepEqual(b.spikes, a.spikes);
});

test('spikes on borders: units then start samples then end samples from one generator, merged stably', () => {
  const r = generateSorting({ num_units: 4, sampling_frequency: 1000, durations: [5], seed: 3, add_spikes_on_borders: true, num_spikes_per_border: 3, border_size_samples: 20 });
  const plain = generateSorting({ num_units: 4, sampling_frequency: 1000, durations: [5], seed: 3 });
  assert.equal(r.spikes.length, plain.spikes.length + 6);
  const g = defaultRng(3);
  const units = nums(g.choice(4, 6, { replace: true }));
  const starts = nums(g.integersArray(0, 20, 3));
  const ends = nums(g.integersArray(4980, 5000, 3));
  const s = Array.from(r.spikes.sampleIndex);
  for (const x of [...starts, ...ends]) assert.ok(s.includes(x));
  assert.ok(s.every((x, i) => i === 0 || x >= s[i - 1]));
  assert.equal(units.length, 6);
  assert.throws(() => generateSorting({ num_units: 2, sampling_frequency: 1000, durations: [1], seed: 3, add_spikes_on_borders: true, border_size_samples: 0 }), /border_size_samples must be/);
});

test('synthesizeAmplitudeFactor: given vector, normal(1, std) from a fresh generator, or none', () => {
  const given = Float64Array.from([1, 2]);
  assert.equal(synthesizeAmplitudeFactor(2, given, 0.1, 1), given);
  assert.throws(() => synthesizeAmplitudeFactor(3, given, null, 1), /2 values for 3 spikes/);
  assert.equal(synthesizeAmplitudeFactor(5, null, null, 1), null);
  assert.equal(synthesizeAmplitudeFactor(5, null, 0, 1), null);
  assert.deepEqual(synthesizeAmplitudeFactor(5, null, 0.05, 2205), defaultRng(2205).normalArray(1, 0.05, 5));
  assert.throws(() => synthesizeAmplitudeFactor(5, null, -1, 1), /amplitude_std must be a positive number/);
});
