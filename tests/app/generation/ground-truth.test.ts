// The whole ground truth of the parity run, against the arrays the real SpikeInterface 0.105 produced
// (tests/fixtures/reference/parity, see its README): one generate_drifting_recording call, seed 2205.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGroundTruth, type PresetV1 } from '../../../app/index.ts';
import { denseTemplateAt } from '../../../app/generation/templates-at-steps.ts';
import { readFileSync } from 'node:fs';
import { maxAbsError, maxRelativeError, refJson, refNpy, refPath, refStructuredNpy } from '../../helpers/reference.ts';

const meta = refJson<{ params: Record<string, unknown>; nbefore: number; num_spikes: number }>('parity/meta.json');
// read as text: the seed is above 2**53 and JSON.parse would round it
const NOISE_SEGMENT_SEED = BigInt(/"noise_segment_seed":\s*(\d+)/.exec(readFileSync(refPath('parity/meta.json'), 'utf8'))![1]);

export const PARITY_PRESET: PresetV1 = {
  format: 'spikegen-preset', version: 1, name: 'parity', kind: 'drifting',
  params: meta.params as PresetV1['params'],
};

const gt = buildGroundTruth(PARITY_PRESET);

test('the parity run builds with the reference shapes', () => {
  assert.equal(gt.numUnits, 10);
  assert.equal(gt.numChannels, 128);
  assert.equal(gt.nbefore, meta.nbefore);
  assert.equal(gt.numTemplateSamples, 135);
  assert.equal(gt.spikes.length, meta.num_spikes);
  assert.equal(gt.numSamples, 300000);
});

test('channel locations, unit locations, firing rates and max channels equal SpikeInterface\'s exactly', () => {
  assert.deepEqual(Array.from(gt.channelLocations), Array.from(refNpy('parity/channel_locations.npy').data as Float64Array));
  assert.deepEqual(Array.from(gt.unitLocations), Array.from(refNpy('parity/unit_locations.npy').data as Float32Array));
  assert.deepEqual(Array.from(gt.firingRates), Array.from(refNpy('parity/firing_rates.npy').data as Float64Array));
  assert.deepEqual(Array.from(gt.maxChannelIndex), refJson<{ data: number[] }>('parity/max_channel_index.json').data);
});

test('the spike train equals SpikeInterface\'s spike vector exactly', () => {
  const ref = refStructuredNpy('parity/spike_vector.npy');
  assert.deepEqual(Array.from(gt.spikes.sampleIndex), Array.from(ref.columns.sample_index as BigInt64Array, Number));
  assert.deepEqual(Array.from(gt.spikes.unitIndex), Array.from(ref.columns.unit_index as BigInt64Array, Number));
});

test('unit params equal the drawn values bit for bit', () => {
  const ref = refJson<{ values: Record<string, number[]> }>('parity/unit_params.json').values;
  for (const [k, v] of Object.entries(ref)) assert.deepEqual(Array.from(gt.unitParams[k]), v, k);
});

test('static templates and the templates at steps 0, 10, 20, 30, 40 are within 1e-4 relative (sparse within 0.1 uV)', () => {
  const ref = refNpy('parity/templates.npy').data as Float32Array;
  assert.ok(maxRelativeError(gt.templates, ref, 1e-3) < 1e-4);
  const moved = refNpy('parity/templates_moved_steps_0_10_20_30_40.npy').data as Float32Array;
  const per = 10 * 135 * 128;
  [0, 10, 20, 30, 40].forEach((stepIndex, k) => {
    for (let u = 0; u < 10; u++) {
      const dense = denseTemplateAt(gt.templatesAtSteps, stepIndex, u);
      const expected = moved.subarray(k * per + u * 135 * 128, k * per + (u + 1) * 135 * 128);
      assert.ok(maxAbsError(dense, expected) <= 0.1 + 1e-6, `step ${stepIndex} unit ${u}`);
    }
  });
});

test('displacement vectors, unit displacements, factors and steps equal the run\'s', () => {
  const d = gt.displacement;
  assert.deepEqual([d.numTimes, d.numMotions, d.numSteps], [50, 1, 41]);
  assert.ok(maxAbsError(d.vectors, refNpy('parity/extra_displacement_vectors.npy').data as Float64Array) < 1e-9);
  assert.ok(maxAbsError(d.unitDisplacements, refNpy('parity/extra_unit_displacements.npy').data as Float64Array) < 1e-9);
  assert.deepEqual(Array.from(d.unitFactor), Array.from(refNpy('parity/extra_displacement_unit_factor.npy').data as Float64Array));
  assert.deepEqual(Array.from(d.steps), Array.from(refNpy('parity/displacements_steps.npy').data as Float64Array));
});

test('each spike uses the displacement step SpikeInterface picks; the static recording uses the zero step', () => {
  assert.deepEqual(Array.from(gt.displacementIndices), refJson<{ data: number[] }>('parity/drifting_displacement_indices.json').data);
  assert.equal(gt.staticStepIndex, 20);
});

test('noise levels, covariance and the noise segment seed equal SpikeInterface\'s', () => {
  assert.deepEqual(Array.from(gt.noise.noiseLevels), Array.from(refNpy('parity/noise_levels.npy').data as Float64Array));
  assert.ok(maxAbsError(gt.noise.covariance!, refNpy('parity/noise_cov_matrix.npy').data as Float64Array) < 1e-15);
  assert.equal(gt.noise.segmentSeed, NOISE_SEGMENT_SEED);
  assert.equal(gt.noise.blockSize, 30000);
});

test('the same preset builds the same ground truth twice', () => {
  const again = buildGroundTruth(PARITY_PRESET);
  assert.deepEqual(again.spikes.sampleIndex, gt.spikes.sampleIndex);
  assert.deepEqual(again.templatesAtSteps.waveforms, gt.templatesAtSteps.waveforms);
});

test('an empty motion list gives no drift: every spike uses the static step', () => {
  const noMotion = buildGroundTruth({ ...PARITY_PRESET, params: { ...PARITY_PRESET.params, generate_displacement_vector_kwargs: {
    displacement_sampling_frequency: 5, drift_start_um: [0, 20], drift_stop_um: [0, -20], drift_step_um: 1, motion_list: [] } } });
  assert.equal(noMotion.displacement.numMotions, 0);
  assert.equal(noMotion.displacement.numTimes, 50);
  assert.ok(noMotion.displacementIndices.every((i) => i === noMotion.staticStepIndex));
  assert.ok(noMotion.displacement.unitDisplacements.every((v) => v === 0));
});

test('zero units build an empty ground truth', () => {
  const empty = buildGroundTruth({ ...PARITY_PRESET, params: { ...PARITY_PRESET.params, num_units: 0 } });
  assert.equal(empty.numUnits, 0);
  assert.equal(empty.spikes.length, 0);
  assert.equal(empty.templates.length, 0);
});

test('one unit on a one-channel probe builds', () => {
  const one = buildGroundTruth({ ...PARITY_PRESET, params: { ...PARITY_PRESET.params, num_units: 1,
    probe_name: undefined, generate_probe_kwargs: { num_columns: 1, num_contact_per_column: 1 } } });
  assert.equal(one.numChannels, 1);
  assert.equal(one.numUnits, 1);
  assert.equal(one.templates.length, 135);
});

test('given unit locations and displacement arrays are used as is and give SpikeInterface\'s step per spike', () => {
  const locs = refNpy('parity/unit_locations.npy').data as Float32Array;
  const vec = refNpy('parity/extra_displacement_vectors.npy').data as Float64Array; // (50, 2, 1)
  const steps = refNpy('parity/displacements_steps.npy').data as Float64Array;
  const given = buildGroundTruth({ ...PARITY_PRESET, params: { ...PARITY_PRESET.params,
    unit_locations: Array.from({ length: 10 }, (_, u) => [locs[3 * u], locs[3 * u + 1], locs[3 * u + 2]]),
    displacement_data: {
      displacement_sampling_frequency: 5,
      displacement_vectors: Array.from({ length: 50 }, (_, t) => [[vec[t * 2]], [vec[t * 2 + 1]]]),
      displacement_unit_factor: Array.from({ length: 10 }, () => [1]),
      displacements_steps: Array.from({ length: 41 }, (_, s) => [steps[2 * s], steps[2 * s + 1]]),
    } } });
  assert.deepEqual(given.unitLocations, gt.unitLocations);
  assert.deepEqual(Array.from(given.displacementIndices), Array.from(gt.displacementIndices));
  assert.ok(maxAbsError(given.displacement.unitDisplacements, gt.displacement.unitDisplacements) < 1e-12);
});

test('a combination of motions too big for the drift range is refused as SpikeInterface refuses it, with a sentence', () => {
  assert.throws(() => buildGroundTruth({ ...PARITY_PRESET, params: { ...PARITY_PRESET.params, generate_displacement_vector_kwargs: {
    displacement_sampling_frequency: 5, drift_start_um: [0, 20], drift_stop_um: [0, -20], drift_step_um: 1,
    motion_list: [{ drift_mode: 'zigzag', t_start_drift: 1, period_s: 4 }, { drift_mode: 'zigzag', t_start_drift: 1, period_s: 4 }] } } }),
  (e: Error) => /generate_displacement_vector_kwargs/.test(e.message) && /amplitude_factor/.test(e.message) && !/\n\s+at /.test(e.message));
});
