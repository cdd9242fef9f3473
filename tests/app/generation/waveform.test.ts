// generate_single_fake_waveform / exp_growth / ms_to_samples against SpikeInterface 0.105 (unit 0 of the parity run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expGrowth, generateSingleFakeWaveform, generateSingleFakeWaveform64, msToSamples } from '../../../app/generation/waveform.ts';
import { msToSamples as msToSamplesFromTemplates } from '../../../app/generation/templates.ts';
import { maxAbsError, maxRelativeError, refJson, refNpy } from '../../helpers/reference.ts';

const values = refJson<{ values: Record<string, number[]> }>('parity/unit_params.json').values;
const unit0 = {
  sampling_frequency: 30000, ms_before: 1.5, ms_after: 3.0,
  positive_amplitude: values.positive_amplitude[0], depolarization_ms: values.depolarization_ms[0],
  repolarization_ms: values.repolarization_ms[0], recovery_ms: values.recovery_ms[0], smooth_ms: values.smooth_ms[0],
};

test('unit 0 waveform equals SpikeInterface within 1e-4 relative (floor 1e-6 of the unit peak 1.0)', () => {
  const ref = refNpy('parity/single_fake_waveform_unit0.npy');
  assert.equal(ref.dtype, '<f8');
  const wf = generateSingleFakeWaveform64(unit0);
  assert.equal(wf.length, 135);
  const rel = maxRelativeError(wf, ref.data as Float64Array, 1e-6);
  assert.ok(rel <= 1e-4, `max relative error ${rel}`);
  assert.ok(maxAbsError(wf, ref.data as Float64Array) < 1e-12);
  const json = refJson<{ data: number[] }>('parity/single_fake_waveform_unit0.json').data;
  assert.ok(maxAbsError(wf, json) < 1e-12);
});

test('the trough sits on nbefore and the negative peak is -1', () => {
  const wf = generateSingleFakeWaveform64(unit0);
  let ind = 0;
  for (let i = 1; i < wf.length; i++) if (wf[i] < wf[ind]) ind = i;
  assert.equal(ind, 45);
  assert.ok(Math.abs(wf[45] + 1) < 1e-12);
  // flat zeros long before the spike, as in SI
  for (let i = 0; i < 30; i++) assert.equal(wf[i], 0);
});

test('SpikeInterface defaults: 1 ms before, 3 ms after; float32 variant is the rounded float64 one', () => {
  const wf32 = generateSingleFakeWaveform({ sampling_frequency: 30000 });
  assert.ok(wf32 instanceof Float32Array);
  assert.equal(wf32.length, 30 + 90);
  const wf64 = generateSingleFakeWaveform64({ sampling_frequency: 30000 });
  assert.deepEqual(wf32, Float32Array.from(wf64));
  let ind = 0;
  for (let i = 1; i < wf64.length; i++) if (wf64[i] < wf64[ind]) ind = i;
  assert.equal(ind, 30);
  // positive_amplitude only changes the after-hyperpolarisation
  const big = generateSingleFakeWaveform64({ sampling_frequency: 30000, positive_amplitude: 0.3 });
  assert.ok(Math.max(...big) > Math.max(...wf64));
});

test('msToSamples is Python round(): half to even', () => {
  assert.equal(msToSamples(1.5, 30000), 45);
  assert.equal(msToSamples(3.0, 30000), 90);
  assert.equal(msToSamples(1.5, 1000), 2);
  assert.equal(msToSamples(2.5, 1000), 2);
  assert.equal(msToSamples(0.5, 1000), 0);
  assert.equal(msToSamples(1.5, 25000), 38); // 37.5 -> 38
  assert.equal(msToSamples(1.4, 25000), 35);
  assert.equal(msToSamplesFromTemplates, msToSamples);
});

test('expGrowth: size int(duration*fs/1000), from start towards end, last point dropped', () => {
  const up = expGrowth(0, -1, 0.1, 0.02, 30000, false);
  assert.equal(up.length, 3);
  assert.equal(up[0], 0);
  assert.ok(up[2] < up[1] && up[1] < 0 && up[2] > -1);
  const down = expGrowth(-1, 0.2, 0.6, 0.3, 30000, true);
  assert.equal(down.length, 18);
  assert.ok(Math.abs(down[0] + 1) < 1e-12); // flipped: starts at the start amplitude
  assert.equal(expGrowth(0, 1, 0.01, 0.002, 30000, false).length, 0);
});

test('bad arguments give SI-style sentences', () => {
  assert.throws(() => generateSingleFakeWaveform({ sampling_frequency: 30000, ms_after: 0.5 }), /ms_after \(0.5\) must exceed/);
  assert.throws(() => generateSingleFakeWaveform({ sampling_frequency: 30000, ms_before: 0.05 }), /ms_before \(0.05\) must exceed depolarization_ms/);
  assert.throws(() => generateSingleFakeWaveform({ sampling_frequency: 30000, smooth_ms: 0 }), /smooth_ms must be > 0/);
  assert.throws(() => generateSingleFakeWaveform({ sampling_frequency: NaN }), /sampling_frequency must be a finite number/);
  assert.throws(() => generateSingleFakeWaveform({ sampling_frequency: 30000, ms_before: 0.2, ms_after: 0.8, repolarization_ms: 0.5, recovery_ms: 0.01, smooth_ms: 1 }), /kernel of \d+ samples, longer than/);
});
