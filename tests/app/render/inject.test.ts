import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGroundTruth, type PresetV1 } from '../../../app/index.ts';
import { injectSpikes, lowerBound } from '../../../app/render/inject.ts';
import type { SparseTemplates } from '../../../app/generation/sparse-templates.ts';
import { maxAbsError, refJson, refNpy } from '../../helpers/reference.ts';

const meta = refJson<{ params: PresetV1['params'] }>('parity/meta.json');
const PARITY: PresetV1 = { format: 'spikegen-preset', version: 1, name: 'parity', kind: 'drifting', params: meta.params };
// bound 0 keeps every non-zero channel: the templates then equal SpikeInterface's dense ones (to ~1e-7 relative)
const gt = buildGroundTruth(PARITY, { templateErrorBoundUv: 0 });

function signal(start: number, end: number, drifting: boolean): Float32Array {
  const out = new Float32Array((end - start) * gt.numChannels);
  injectSpikes(out, start, end, gt.spikes, gt.templatesAtSteps, {
    steps: drifting ? gt.displacementIndices : gt.staticStepIndex, amplitudeFactor: gt.amplitudeFactor, nbefore: gt.nbefore,
  });
  return out;
}

test('static and drifting signals of the first 3000 samples equal SpikeInterface\'s (traces minus noise)', () => {
  const staticRef = refNpy('parity/static_signal_only_0_3000.npy');
  const driftRef = refNpy('parity/drifting_signal_only_0_3000.npy');
  assert.deepEqual(staticRef.shape, [3000, 128]);
  // SI's reconstruction itself (traces - noise) carries float32 rounding of ~4e-6 (meta.json); templates differ ~1e-7 relative
  assert.ok(maxAbsError(signal(0, 3000, false), staticRef.data as Float32Array) < 1e-4);
  assert.ok(maxAbsError(signal(0, 3000, true), driftRef.data as Float32Array) < 1e-4);
});

test('a window split at any sample equals the window rendered in one piece, bit for bit (spikes straddling the edge)', () => {
  const whole = signal(0, 30000, true);
  for (const cut of [1, 434, 434 + 10, 866 - 45, 15000, 29999]) {
    const a = signal(0, cut, true);
    const b = signal(cut, 30000, true);
    const joined = new Float32Array(whole.length);
    joined.set(a, 0);
    joined.set(b, a.length);
    assert.deepEqual(joined, whole, `cut at ${cut}`);
  }
});

test('a spike at the very first and very last sample is clipped to the recording', () => {
  const t: SparseTemplates = {
    numSteps: 1, numUnits: 1, numSamples: 5, numChannels: 2, upsample: 1, errorBoundUv: 0,
    channelOffsets: new Int32Array([0, 1]), channels: new Int32Array([1]), waveforms: new Float32Array([1, 2, 3, 4, 5]),
  };
  const spikes = { sampleIndex: new Float64Array([0, 9]), unitIndex: new Int32Array([0, 0]), length: 2 };
  const out = new Float32Array(10 * 2);
  const n = injectSpikes(out, 0, 10, spikes, t, { steps: 0, amplitudeFactor: new Float64Array([1, 2]), nbefore: 2 });
  assert.equal(n, 2);
  // spike at 0: template samples 2..4 land at rows 0..2; spike at 9 (x2): samples 0..2 land at rows 7..9
  assert.deepEqual(Array.from(out.filter((_, i) => i % 2 === 1)), [3, 4, 5, 0, 0, 0, 0, 2, 4, 6]);
  assert.ok(out.filter((_, i) => i % 2 === 0).every((v) => v === 0));
});

test('lowerBound is numpy searchsorted(side="left")', () => {
  const a = new Float64Array([1, 3, 3, 5]);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((x) => lowerBound(a, x)), [0, 0, 1, 1, 3, 3, 4]);
  assert.equal(lowerBound(new Float64Array(0), 1), 0);
});

test('templates with an upsample axis are refused for drifting injection with a sentence', () => {
  const t = { ...gt.templatesAtSteps, upsample: 2 };
  assert.throws(() => injectSpikes(new Float32Array(10 * 128), 0, 10, gt.spikes, t, { steps: 0, amplitudeFactor: null, nbefore: 45 }),
    /upsample_factor to null/);
});
