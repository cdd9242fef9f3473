// generate_templates against SpikeInterface 0.105 (static templates of the parity run) and edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTemplates, type TemplateOptions } from '../../../app/generation/templates.ts';
import { ensureUnitParams } from '../../../app/generation/unit-params.ts';
import { generateSingleFakeWaveform64 } from '../../../app/generation/waveform.ts';
import { maxAbsError, refJson, refNpy } from '../../helpers/reference.ts';

const values = refJson<{ values: Record<string, number[]> }>('parity/unit_params.json').values;
const refParams = (): Record<string, Float64Array> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Float64Array.from(v)]));
const chans = refNpy('parity/channel_locations.npy').data as Float64Array;
const units = refNpy('parity/unit_locations.npy').data as Float32Array;
const base = (p: Record<string, Float64Array>): TemplateOptions => ({ sampling_frequency: 30000, ms_before: 1.5, ms_after: 3.0, mode: 'ellipsoid', upsample_factor: null, unit_params: p });

/** Worst |a-b| / max(|b|, 1e-6 * peak of that unit's reference template) over units of `block` values. */
function relErrPerUnitFloor(a: Float32Array, b: Float32Array, block: number): number {
  let worst = 0;
  for (let u = 0; u * block < b.length; u++) {
    let peak = 0;
    for (let i = u * block; i < (u + 1) * block; i++) peak = Math.max(peak, Math.abs(b[i]));
    for (let i = u * block; i < (u + 1) * block; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-6 * peak));
  }
  return worst;
}

test('static templates equal SpikeInterface within 1e-4 relative (floor: 1e-6 x unit peak)', () => {
  const ref = refNpy('parity/templates.npy');
  const got = generateTemplates(chans, units, base(refParams()));
  assert.deepEqual(got.shape, ref.shape);
  const rel = relErrPerUnitFloor(got.data, ref.data as Float32Array, 135 * 128);
  assert.ok(rel <= 1e-4, `max relative error ${rel}`);
  assert.ok(maxAbsError(got.data, ref.data as Float32Array) < 1e-6);
});

test('end to end: params drawn by ensureUnitParams(seed 2205) give the same templates', () => {
  const ref = refNpy('parity/templates.npy');
  const got = generateTemplates(chans, units, base(ensureUnitParams({}, 10, 2205)));
  assert.ok(relErrPerUnitFloor(got.data, ref.data as Float32Array, 135 * 128) <= 1e-4);
});

/** numpy-semantics rfft -> exp(-1j*omega*shift) -> irfft by direct O(n^2) sums (independent of app/ FFT). */
function naiveDelay(x: Float64Array, shift: number): Float64Array {
  const n = x.length, nf = Math.floor(n / 2) + 1;
  const stop = n % 2 === 0 ? Math.PI : (Math.PI * (n - 1)) / n;
  const out = new Float64Array(n);
  for (let k = 0; k < nf; k++) {
    let re = 0, im = 0;
    for (let t = 0; t < n; t++) { re += x[t] * Math.cos((2 * Math.PI * k * t) / n); im -= x[t] * Math.sin((2 * Math.PI * k * t) / n); }
    const w = (stop * k) / (nf - 1), c = Math.cos(w * shift), s = -Math.sin(w * shift);
    let yr = re * c - im * s, yi = re * s + im * c;
    if (k === 0 || (n % 2 === 0 && k === nf - 1)) yi = 0;
    if (k === 0) yr = re;
    const mult = k === 0 || (n % 2 === 0 && k === nf - 1) ? 1 : 2;
    for (let t = 0; t < n; t++) out[t] += (mult * (yr * Math.cos((2 * Math.PI * k * t) / n) - yi * Math.sin((2 * Math.PI * k * t) / n))) / n;
  }
  return out;
}

for (const [fs, n] of [[30000, 135], [32000, 144]] as const) {
  test(`propagation delay = numpy rfft/irfft sub-sample shift (n = ${n}, ${n % 2 ? 'odd' : 'even'}), sphere vs ellipsoid, power profile`, () => {
    const p = ensureUnitParams({ ellipse_shrink: 0.5, ellipse_angle: 0.7 }, 1, 3);
    const ch = Float64Array.from([0, 0, 30, 40, -25, 90]);
    const loc = Float64Array.from([5, 10, 20]);
    const wf = generateSingleFakeWaveform64({ sampling_frequency: fs, ms_before: 1.5, ms_after: 3.0, positive_amplitude: p.positive_amplitude[0],
      depolarization_ms: p.depolarization_ms[0], repolarization_ms: p.repolarization_ms[0], recovery_ms: p.recovery_ms[0], smooth_ms: p.smooth_ms[0] });
    for (const mode of ['sphere', 'ellipsoid'] as const) {
      for (const profile of ['exponential', 'power'] as const) {
        const got = generateTemplates(ch, loc, { ...base(p), sampling_frequency: fs, mode, spatial_profile: profile });
        assert.deepEqual(got.shape, [1, n, 3]);
        const dist = [0, 1, 2].map((c) => {
          const p0 = ch[2 * c] - loc[0], p1 = ch[2 * c + 1] - loc[1];
          const a = mode === 'ellipsoid' ? -0.7 : 0, yf = mode === 'ellipsoid' ? 0.5 : 1;
          const P0 = Math.cos(a) * p0 - Math.sin(a) * p1, P1 = (Math.sin(a) * p0 + Math.cos(a) * p1) / yf;
          return Math.hypot(P0, P1, loc[2]);
        });
        const dmin = Math.min(...dist);
        for (let c = 0; c < 3; c++) {
          const r = dist[c] / p.spatial_decay[0];
          const g = profile === 'exponential' ? p.alpha[0] * Math.exp(-r) : p.alpha[0] / (1 + r ** p.spatial_power[0]);
          const want = naiveDelay(wf.map((v) => v * g), ((dist[c] - dmin) / p.propagation_speed[0] / 1000) * fs);
          let peak = 0, err = 0;
          for (let t = 0; t < n; t++) peak = Math.max(peak, Math.abs(want[t]));
          for (let t = 0; t < n; t++) err = Math.max(err, Math.abs(got.data[t * 3 + c] - want[t]));
          assert.ok(err <= 1e-6 * peak, `${mode}/${profile} channel ${c}: ${err} vs peak ${peak}`);
        }
      }
    }
  });
}

test('ellipsoid with shrink 1 is the sphere whatever the angle; sphere ignores ellipse params', () => {
  const p = ensureUnitParams({ ellipse_shrink: 1 }, 10, 11);
  const s = generateTemplates(chans, units, { ...base(p), mode: 'sphere' });
  const e = generateTemplates(chans, units, base(p));
  assert.ok(relErrPerUnitFloor(e.data, s.data, 135 * 128) < 1e-6);
  const q = ensureUnitParams({ ellipse_shrink: 0.3, ellipse_angle: 2 }, 10, 11);
  assert.deepEqual(generateTemplates(chans, units, { ...base(q), mode: 'sphere' }).data, s.data);
});

test('no propagation delay (propagation_speed null): exactly gain * waveform', () => {
  const p = ensureUnitParams({ propagation_speed: null }, 1, 5);
  const got = generateTemplates(Float64Array.from([0, 0, 0, 50]), Float64Array.from([0, 0, 10]), { ...base(p), mode: 'sphere' });
  const wf = generateSingleFakeWaveform64({ sampling_frequency: 30000, ms_before: 1.5, ms_after: 3.0, positive_amplitude: p.positive_amplitude[0],
    depolarization_ms: p.depolarization_ms[0], repolarization_ms: p.repolarization_ms[0], recovery_ms: p.recovery_ms[0], smooth_ms: p.smooth_ms[0] });
  const g1 = p.alpha[0] * Math.exp(-Math.hypot(50, 10) / p.spatial_decay[0]);
  for (let t = 0; t < 135; t++) assert.equal(got.data[t * 2 + 1], Math.fround(wf[t] * g1));
});

test('upsample_factor k: shape (units, samples, channels, k), phase f = every k-th sample at k*fs', () => {
  const p = refParams();
  const up = generateTemplates(chans, units, { ...base(p), upsample_factor: 3 });
  assert.deepEqual(up.shape, [10, 135, 128, 3]);
  const fine = generateTemplates(chans, units, { ...base(p), sampling_frequency: 90000 });
  assert.deepEqual(fine.shape, [10, 405, 128]);
  for (let u = 0; u < 10; u += 3) for (let t = 0; t < 135; t += 7) for (let c = 0; c < 128; c += 5) for (let f = 0; f < 3; f++) {
    assert.equal(up.data[((u * 135 + t) * 128 + c) * 3 + f], fine.data[(u * 405 + t * 3 + f) * 128 + c]);
  }
  assert.deepEqual(generateTemplates(chans, units, { ...base(p), upsample_factor: 1 }).shape, [10, 135, 128, 1]);
});

test('zero units, one unit, one channel', () => {
  const empty = generateTemplates(chans, new Float64Array(0), base(ensureUnitParams({}, 0, 1)));
  assert.deepEqual(empty.shape, [0, 135, 128]);
  assert.equal(empty.data.length, 0);
  const one = generateTemplates(Float64Array.from([0, 0]), Float64Array.from([0, 0, 10]), base(ensureUnitParams({}, 1, 1)));
  assert.deepEqual(one.shape, [1, 135, 1]);
  assert.ok(one.data.every(Number.isFinite));
  let ind = 0;
  for (let t = 1; t < 135; t++) if (one.data[t] < one.data[ind]) ind = t;
  assert.equal(ind, 45); // the only channel is the nearest: no delay
  assert.deepEqual(generateTemplates(new Float64Array(0), Float64Array.from([0, 0, 10]), base(ensureUnitParams({}, 1, 1))).shape, [1, 135, 0]);
});

test('bad options give clear sentences', () => {
  const p = ensureUnitParams({}, 10, 1);
  assert.throws(() => generateTemplates(chans, units, { ...base(p), mode: 'cube' as 'sphere' }), /mode must be "sphere" or "ellipsoid", got "cube"/);
  assert.throws(() => generateTemplates(chans, units, { ...base(p), spatial_profile: 'gauss' as 'power' }), /spatial_profile must be "exponential" or "power"/);
  assert.throws(() => generateTemplates(chans, units, { ...base(p), upsample_factor: 0 }), /upsample_factor must be null or an integer >= 1/);
  assert.throws(() => generateTemplates(chans, units, { ...base(p), ms_before: 0.51, upsample_factor: 3 }), /the window is 316 samples, not 3 x 105/);
  assert.throws(() => generateTemplates(chans, units, base(ensureUnitParams({}, 9, 1))), /unit_params\.alpha must be a Float64Array with one value per unit \(10\)/);
  const { spatial_power: _drop, ...missing } = p;
  assert.throws(() => generateTemplates(chans, units, base(missing)), /unit_params\.spatial_power must be a Float64Array/);
  assert.throws(() => generateTemplates(chans.subarray(1), units, base(p)), /channelLocations must hold nChannels x 2 values/);
  assert.throws(() => generateTemplates(chans, units.subarray(1), base(p)), /unitLocations must hold nUnits x 3 values/);
  assert.throws(() => generateTemplates(chans, Float64Array.from([0, NaN, 1]), base(ensureUnitParams({}, 1, 1))), /non-finite/);
  assert.throws(() => generateTemplates(chans, units, { ...base(p), ms_after: 0.5 }), /ms_after \(0.5\) must exceed/);
});
