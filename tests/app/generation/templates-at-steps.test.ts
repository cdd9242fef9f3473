// Sparse templates at displacement steps: parity with SI's templates_array_moved, the error bound, layout, sharing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildTemplatesAtSteps, concatTemplateSteps, denseTemplateAt, fromShared, sparseBlock, TemplateStepsBuilder, toShared, type SparseTemplates } from '../../../app/generation/templates-at-steps.ts';
import { generateTemplates, type TemplateOptions } from '../../../app/generation/templates.ts';
import { ensureUnitParams } from '../../../app/generation/unit-params.ts';
import { defaultRng } from '../../../app/rng/index.ts';
import { refNpy, refPath } from '../../helpers/reference.ts';

const chans = refNpy('parity/channel_locations.npy').data as Float64Array;
const units = refNpy('parity/unit_locations.npy').data as Float32Array;
const steps = refNpy('parity/displacements_steps.npy').data as Float64Array;
const opts = (numUnits: number, seed: number, extra: Partial<TemplateOptions> = {}): TemplateOptions => ({
  sampling_frequency: 30000, ms_before: 1.5, ms_after: 3.0, mode: 'ellipsoid', upsample_factor: null,
  unit_params: ensureUnitParams({}, numUnits, seed), ...extra,
});

/** SI: unit_locations_moved = float32 copy; [:, :2] += displacements_steps[i] (stays float32). */
function moved(locs: Float32Array, i: number, disp: Float64Array): Float32Array {
  const out = locs.slice();
  for (let u = 0; u < out.length / 3; u++) { out[3 * u] += disp[2 * i]; out[3 * u + 1] += disp[2 * i + 1]; }
  return out;
}

/** Largest |sparse - dense| and largest max-abs of a dropped channel, over every (step, unit). */
function compare(sp: SparseTemplates, dense: (step: number) => Float32Array): { maxErr: number; keptExact: boolean; minKeptPeak: number } {
  const W = sp.numSamples, C = sp.numChannels;
  let maxErr = 0, keptExact = true, minKeptPeak = Infinity;
  for (let i = 0; i < sp.numSteps; i++) {
    const d = dense(i);
    for (let u = 0; u < sp.numUnits; u++) {
      const s = denseTemplateAt(sp, i, u), ref = d.subarray(u * W * C, (u + 1) * W * C);
      const kept = new Set(sparseBlock(sp, i, u).channels);
      for (let c = 0; c < C; c++) {
        let peak = 0;
        for (let t = 0; t < W; t++) {
          maxErr = Math.max(maxErr, Math.abs(s[t * C + c] - ref[t * C + c]));
          peak = Math.max(peak, Math.abs(ref[t * C + c]));
          if (kept.has(c) && s[t * C + c] !== ref[t * C + c]) keptExact = false;
        }
        if (kept.has(c)) minKeptPeak = Math.min(minKeptPeak, peak);
      }
    }
  }
  return { maxErr, keptExact, minKeptPeak };
}

test('steps 0, 10, 20, 30, 40 equal SpikeInterface (1e-4 relative, floor 1e-6 x unit peak) with bound 0', () => {
  const ref = refNpy('parity/templates_moved_steps_0_10_20_30_40.npy');
  assert.deepEqual(ref.shape, [5, 10, 135, 128]);
  const r = ref.data as Float32Array, B = 135 * 128;
  for (const bound of [0, 0.1]) {
    const sp = buildTemplatesAtSteps(chans, units, steps, opts(10, 2205), bound);
    assert.equal(sp.numSteps, 41);
    let rel = 0, abs = 0;
    [0, 10, 20, 30, 40].forEach((step, si) => {
      for (let u = 0; u < 10; u++) {
        const want = r.subarray((si * 10 + u) * B, (si * 10 + u + 1) * B), got = denseTemplateAt(sp, step, u);
        let peak = 0;
        for (const v of want) peak = Math.max(peak, Math.abs(v));
        for (let k = 0; k < B; k++) {
          const e = Math.abs(got[k] - want[k]);
          abs = Math.max(abs, e);
          rel = Math.max(rel, e / Math.max(Math.abs(want[k]), 1e-6 * peak));
        }
      }
    });
    if (bound === 0) assert.ok(rel <= 1e-4, `relative error ${rel}`);
    assert.ok(abs <= bound + 1e-5, `bound ${bound}: max abs error ${abs}`);
  }
});

test('reference case, bound 0.1 uV: every dropped channel <= 0.1, kept channels bit-identical to dense', () => {
  const o = opts(10, 2205);
  const sp = buildTemplatesAtSteps(chans, units, steps, o);
  assert.equal(sp.errorBoundUv, 0.1);
  const { maxErr, keptExact, minKeptPeak } = compare(sp, (i) => generateTemplates(chans, moved(units, i, steps), o).data);
  assert.ok(maxErr <= 0.1, `max |dense - sparse| ${maxErr}`);
  assert.ok(minKeptPeak > 0.1);
  assert.ok(keptExact);
  assert.ok(sp.channels.length < 0.3 * 41 * 10 * 128, `nnz ${sp.channels.length}`);
});

test('big random case (NP1-384, 60 units, 9 steps, upsample none and 2): error bound holds', () => {
  const probe = JSON.parse(readFileSync(refPath('probes/Neuropixels1-384.json'), 'utf8')).probes[0] as { contact_positions: number[][] };
  const ch = Float64Array.from(probe.contact_positions.flat());
  const rng = defaultRng(99);
  const locs = new Float32Array(60 * 3);
  for (let u = 0; u < 60; u++) { locs[3 * u] = rng.uniform(-20, 68); locs[3 * u + 1] = rng.uniform(-20, 3840); locs[3 * u + 2] = rng.uniform(5, 45); }
  const disp = new Float64Array(18);
  for (let i = 0; i < 9; i++) { disp[2 * i] = rng.uniform(-3, 3); disp[2 * i + 1] = 20 - 5 * i; }
  const o = opts(60, 4, { unit_params: ensureUnitParams({ spatial_decay: { range: [10, 60] }, alpha: { range: [50, 800] } }, 60, 4) });
  const sp = buildTemplatesAtSteps(ch, locs, disp, o, 0.1);
  const res = compare(sp, (i) => generateTemplates(ch, moved(locs, i, disp), o).data);
  assert.ok(res.maxErr <= 0.1 && res.keptExact && res.minKeptPeak > 0.1, JSON.stringify(res));
  const sp2 = buildTemplatesAtSteps(ch, locs, disp, { ...o, upsample_factor: 2 }, 0.1);
  assert.equal(sp2.upsample, 2);
  assert.equal(sp2.waveforms.length, sp2.channels.length * 135 * 2);
  for (const i of [0, 8]) {
    const d = generateTemplates(ch, moved(locs, i, disp), { ...o, upsample_factor: 2 }).data;
    for (let u = 0; u < 60; u += 7) {
      const s = denseTemplateAt(sp2, i, u), want = d.subarray(u * 135 * 384 * 2, (u + 1) * 135 * 384 * 2);
      let e = 0;
      for (let k = 0; k < s.length; k++) e = Math.max(e, Math.abs(s[k] - want[k]));
      assert.ok(e <= 0.1, `upsampled step ${i} unit ${u}: ${e}`);
    }
  }
});

test('layout: sample s of the k-th kept channel at s * nnz + k; channels ascending', () => {
  const o = opts(10, 2205);
  const sp = buildTemplatesAtSteps(chans, units, steps, o);
  const dense = generateTemplates(chans, moved(units, 7, steps), o).data;
  for (let u = 0; u < 10; u++) {
    const { nnz, channels, waveforms } = sparseBlock(sp, 7, u);
    assert.equal(waveforms.length, nnz * 135);
    for (let k = 1; k < nnz; k++) assert.ok(channels[k] > channels[k - 1]);
    for (let s = 0; s < 135; s++) for (let k = 0; k < nnz; k++) assert.equal(waveforms[s * nnz + k], dense[(u * 135 + s) * 128 + channels[k]]);
  }
  assert.equal(sp.channelOffsets.length, 41 * 10 + 1);
  assert.equal(sp.channelOffsets[410], sp.channels.length);
});

test('toShared / fromShared: one SharedArrayBuffer, same content', () => {
  const sp = buildTemplatesAtSteps(chans, units, steps.subarray(0, 10), opts(10, 2205));
  const sh = toShared(sp);
  assert.ok(sh.buffer instanceof SharedArrayBuffer);
  const back = fromShared(structuredClone(sh));
  assert.deepEqual(back.channelOffsets, sp.channelOffsets);
  assert.deepEqual(back.channels, sp.channels);
  assert.deepEqual(back.waveforms, sp.waveforms);
  assert.deepEqual(denseTemplateAt(back, 4, 3), denseTemplateAt(sp, 4, 3));
  assert.throws(() => fromShared({ ...sh, totalNnz: sh.totalNnz + 1 }), /fromShared: buffer holds \d+ bytes, the header describes \d+/);
});

test('empty cases and bad arguments', () => {
  const none = buildTemplatesAtSteps(chans, new Float32Array(0), steps, opts(0, 1));
  assert.equal(none.channelOffsets.length, 1);
  assert.equal(none.waveforms.length, 0);
  const noSteps = buildTemplatesAtSteps(chans, units, new Float64Array(0), opts(10, 1));
  assert.equal(noSteps.numSteps, 0);
  assert.deepEqual(toShared(noSteps).buffer.byteLength, 4);
  const o = opts(10, 1);
  assert.throws(() => buildTemplatesAtSteps(chans, units, steps.subarray(1), o), /displacementsSteps must hold nSteps x 2 values/);
  assert.throws(() => buildTemplatesAtSteps(chans, units, steps, o, -1), /errorBoundUv must be >= 0/);
  assert.throws(() => buildTemplatesAtSteps(chans, units, Float64Array.from([0, NaN]), o), /non-finite/);
  const sp = buildTemplatesAtSteps(chans, units, steps.subarray(0, 2), o);
  assert.throws(() => denseTemplateAt(sp, 1, 0), /\(step 1, unit 0\) is outside 1 steps x 10 units/);
});

test('step ranges built apart and joined in order are the bits of one build of every step', () => {
  const job = { channelLocations: chans, unitLocations: units, displacementsSteps: steps.subarray(0, 40), options: opts(10, 2205), errorBoundUv: 0.1 };
  const whole = buildTemplatesAtSteps(chans, units, job.displacementsSteps, job.options, 0.1);
  const b = new TemplateStepsBuilder(job);
  const parts = [b.build(0, 3), b.build(3, 3), b.build(3, 11), b.build(11, 20)];
  assert.deepEqual(parts.map((p) => p.numSteps), [3, 0, 8, 9]);
  for (const shared of [false, true]) {
    const joined = concatTemplateSteps(parts, shared);
    assert.equal(joined.waveforms.buffer instanceof SharedArrayBuffer, shared);
    assert.equal(joined.numSteps, 20);
    assert.deepEqual(joined.channelOffsets, whole.channelOffsets);
    assert.deepEqual(joined.channels, whole.channels);
    assert.deepEqual(new Uint32Array(joined.waveforms.slice().buffer), new Uint32Array(whole.waveforms.slice().buffer));
  }
  assert.throws(() => b.build(5, 21), /steps \[5, 21\) are not within the 20 steps/);
  assert.throws(() => concatTemplateSteps([]), /no step range to join/);
  const other = new TemplateStepsBuilder({ ...job, errorBoundUv: 0.2 }).build(0, 1);
  assert.throws(() => concatTemplateSteps([parts[0], other]), /built for different units, probes or options/);
});
