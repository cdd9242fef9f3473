// The sorting transforms (synchrony, duplicates, split units), the older random firings, clean_refractory_period
// and externally given trains. No SI reference file covers them: the fingerprints below were made by running
// SpikeInterface 0.105's own function source (core/generate.py) with numpy 2.4.6 on the same inputs, and every
// port matched it spike for spike. Fingerprint: [count, sum of samples, sum of sample*(unit+1), first samples, first units].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addSynchronyToSorting, cleanRefractoryPeriod, injectSomeDuplicateUnits, injectSomeSplitUnits, makeSpikeVector,
  spikeVectorFromSamplesAndLabels, spikeVectorFromTrains, synthesizeRandomFirings, type SpikeVector,
} from '../../../app/generation/sorting.ts';
import { defaultRng } from '../../../app/rng/index.ts';

type Fingerprint = [number, number, number, number[], number[]];
function fingerprint(s: ArrayLike<number>, u: ArrayLike<number>): Fingerprint {
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < s.length; i++) { sum += s[i]; weighted += s[i] * (u[i] + 1); }
  return [s.length, sum, weighted, Array.from(s).slice(0, 6), Array.from(u).slice(0, 6)];
}
function added(v: SpikeVector, mask: Uint8Array, unitOffset = 0): Fingerprint {
  const s: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < v.length; i++) if (mask[i]) { s.push(v.sampleIndex[i]); u.push(v.unitIndex[i] - unitOffset); }
  return fingerprint(s, u);
}

test('synthesizeRandomFirings matches SI, with and without the shift shuffle', () => {
  const opts = { num_units: 6, sampling_frequency: 1000, duration: 20, refractory_period_ms: 5, firing_rates: { range: [2, 9] as [number, number] } };
  const a = synthesizeRandomFirings({ ...opts, seed: 77 });
  assert.deepEqual(fingerprint(a.samples, a.labels), [605, 6088524, 19243072, [132, 140, 190, 226, 251, 266], [3, 5, 3, 1, 5, 1]]);
  const b = synthesizeRandomFirings({ ...opts, add_shift_shuffle: true, seed: 78 });
  assert.deepEqual(fingerprint(b.samples, b.labels), [746, 7415279, 25757365, [43, 47, 80, 102, 117, 135], [0, 3, 5, 0, 5, 5]]);
});

/** The oracle's base sorting: default_rng(5): sorted integers(0, 40, 60) samples, integers(0, 4, 60) units. */
function syncBase(): SpikeVector {
  const g = defaultRng(5);
  const s = g.integersArray(0, 40, 60).sort();
  return makeSpikeVector(s, Int32Array.from(g.integersArray(0, 4, 60)));
}

test('addSynchronyToSorting matches SI, including its string-id quirk (no unit is ever excluded)', () => {
  const base = syncBase();
  const str = addSynchronyToSorting({ spikes: base, numUnits: 4 }, { sync_event_ratio: 0.5, seed: 9 });
  assert.deepEqual(added(str.spikes, str.addedMask), [30, 682, 2144, [0, 0, 0, 1, 2, 4], [0, 3, 2, 2, 3, 0]]);
  const int = addSynchronyToSorting({ spikes: base, unitIds: [0, 1, 2, 3] }, { sync_event_ratio: 0.5, seed: 9 });
  assert.deepEqual(added(int.spikes, int.addedMask), [30, 682, 1673, [0, 0, 0, 1, 2, 4], [2, 1, 0, 3, 3, 2]]);
  // originals kept, merged by sample with originals first on ties
  assert.equal(int.spikes.length, 90);
  assert.deepEqual(int.unitIds, [0, 1, 2, 3]);
  for (let i = 1; i < int.spikes.length; i++) assert.ok(int.spikes.sampleIndex[i] >= int.spikes.sampleIndex[i - 1]);
  assert.throws(() => addSynchronyToSorting({ spikes: base, numUnits: 4 }, { sync_event_ratio: -1, seed: 1 }), /sync_event_ratio must be/);
});

/** The oracle's trains: default_rng(3).choice(1000, 30 + 5u, replace=False), sorted, for units 0..3. */
function trainsBase() {
  const g = defaultRng(3);
  return spikeVectorFromTrains([0, 1, 2, 3].map((u) => ({ unit: u, samples: g.choice(1000, 30 + 5 * u, { replace: false }).sort() })));
}

test('injectSomeDuplicateUnits matches SI (shifts, ratio subsets, clipping) and appends new units', () => {
  const d = injectSomeDuplicateUnits(trainsBase(), { num: 2, max_shift: 5, ratio: 0.5, seed: 21 });
  assert.deepEqual(d.unitIds, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(added(d.spikes, d.addedFromNewMask, 4), [32, 14781, 22700, [6, 36, 90, 90, 170, 174], [1, 0, 0, 1, 0, 0]]);
  assert.throws(() => injectSomeDuplicateUnits(trainsBase(), { num: 9, seed: 1 }), /Cannot duplicate 9 units of a sorting with 4/);
  assert.throws(() => injectSomeDuplicateUnits(trainsBase(), { ratio: 2, seed: 1 }), /ratio must be in \(0, 1\]/);
});

test("injectSomeDuplicateUnits keeps SI's '<U1' id truncation: in a 10-unit generated sorting the copies join unit '1'", () => {
  const spikes = makeSpikeVector(Float64Array.from({ length: 10 }, (_, i) => 100 + i), Int32Array.from({ length: 10 }, (_, i) => i));
  const ids = Array.from({ length: 10 }, (_, i) => String(i));
  const d = injectSomeDuplicateUnits({ spikes, unitIds: ids }, { num: 4, seed: 2 });
  assert.deepEqual(d.unitIds, ids); // "10".."13" cut to "1": no new unit
  assert.equal(d.spikes.length, 11); // one collapsed copy, of unit 3 (the last), added to unit "1"
  const i = d.addedFromExistingMask.indexOf(1);
  assert.equal(d.spikes.unitIndex[i], 1);
});

test('injectSomeSplitUnits matches SI: split units replaced in place by their new units', () => {
  const sp = injectSomeSplitUnits(trainsBase(), { split_ids: [1, 3], num_split: 3, seed: 22 });
  assert.deepEqual(sp.unitIds, [0, 4, 5, 6, 2, 7, 8, 9]);
  assert.deepEqual(fingerprint(sp.spikes.sampleIndex, sp.spikes.unitIndex), [150, 75377, 325599, [4, 8, 18, 23, 32, 32], [3, 5, 6, 6, 0, 6]]);
  assert.deepEqual(sp.otherIds.get(3), [7, 8, 9]);
  const strIds = injectSomeSplitUnits({ spikes: trainsBase().spikes, unitIds: ['0', '1', '2', '3'] }, { split_ids: ['2'], seed: 1 });
  assert.deepEqual(strIds.unitIds, ['0', '1', '4', '5', '3']);
  assert.throws(() => injectSomeSplitUnits({ spikes: trainsBase().spikes, unitIds: ['a', 'b', 'c', 'd'] }, { split_ids: ['a'], seed: 1 }), /parsable as integers/);
});

test('cleanRefractoryPeriod drops the later spike of each close pair, pass after pass', () => {
  // one pass drops every spike <= 3 after its predecessor (3, 5, 7, 10), not a greedy walk
  assert.deepEqual(Array.from(cleanRefractoryPeriod([10, 0, 3, 5, 7, 20], 3)), [0, 20]);
  assert.deepEqual(Array.from(cleanRefractoryPeriod([0, 5, 7, 9], 2)), [0, 5]);
  assert.equal(cleanRefractoryPeriod([], 3).length, 0);
});

test('spikeVectorFromTrains: list order gives unit indices, stable sort by sample, samples validated', () => {
  const r = spikeVectorFromTrains([{ unit: 7, samples: [5, 1] }, { unit: 3, samples: [1, 9] }]);
  assert.deepEqual(r.unitIds, [7, 3]);
  assert.deepEqual(Array.from(r.spikes.sampleIndex), [1, 1, 5, 9]);
  assert.deepEqual(Array.from(r.spikes.unitIndex), [0, 1, 0, 1]);
  assert.throws(() => spikeVectorFromTrains([{ unit: 0, samples: [1.5] }]), /Spike sample 1.5 of unit 0 is not valid/);
  assert.throws(() => spikeVectorFromTrains([{ unit: 0, samples: [10] }], { numSamples: 10 }), /below 10/);
  assert.throws(() => spikeVectorFromTrains([{ unit: 0, samples: [] }, { unit: 0, samples: [] }]), /listed twice/);
  const l = spikeVectorFromSamplesAndLabels([4, 2, 2], [9, 5, 9]);
  assert.deepEqual(l.unitIds, [5, 9]);
  assert.deepEqual(Array.from(l.spikes.unitIndex), [0, 1, 1]);
  assert.throws(() => spikeVectorFromSamplesAndLabels([1], [3], [1, 2]), /label 3 is not one of the unit ids/);
});
