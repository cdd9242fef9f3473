// The SIMD injection kernel against the JavaScript loop of inject.ts (inject.test.ts checks that loop against
// SpikeInterface): windows inside the thread's kernel memory take the kernel, others the loop, and both must give
// the same float32 bits — static and drifting steps, amplitude factors, spikes cut by the window edges, the block
// cache emptied when full, and blocks too big for it (the loop takes over).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGroundTruth, type PresetV1 } from '../../../app/index.ts';
import { injectSpikes } from '../../../app/render/inject.ts';
import { injectable, limitTemplateRegionForTests } from '../../../app/render/inject-simd.ts';
import { TILES_REGION, threadMemory } from '../../../app/wasm/thread-memory.ts';
import { refJson } from '../../helpers/reference.ts';

const meta = refJson<{ params: PresetV1['params'] }>('parity/meta.json');
const gtOf = (extra: Partial<PresetV1['params']>) => buildGroundTruth({ format: 'spikegen-preset', version: 1, name: 'parity', kind: 'drifting', params: { ...meta.params, ...extra } });
const plain = gtOf({});
const scaled = gtOf({ amplitude_std: 0.2 } as Partial<PresetV1['params']>);

function lcg(seed: number) { let x = seed >>> 0; return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; }; }

/** the window [start, end) with noise-like content, spikes added by the loop (ordinary array) and by the kernel (kernel memory) */
function both(gt: ReturnType<typeof gtOf>, start: number, end: number, drifting: boolean, key?: string) {
  const C = gt.numChannels, n = (end - start) * C, rnd = lcg(start + 1);
  const base = Float32Array.from({ length: n }, () => (rnd() - 0.5) * 20);
  const loop = base.slice();
  const kernel = new Float32Array(threadMemory()!.buffer, TILES_REGION, n);
  kernel.set(base);
  assert.ok(injectable(kernel) && !injectable(loop));
  const o = { steps: drifting ? gt.displacementIndices : gt.staticStepIndex, amplitudeFactor: gt.amplitudeFactor, nbefore: gt.nbefore, templatesKey: key };
  const a = injectSpikes(loop, start, end, gt.spikes, gt.templatesAtSteps, o);
  const b = injectSpikes(kernel, start, end, gt.spikes, gt.templatesAtSteps, o);
  assert.equal(b, a);
  return { loop, kernel: kernel.slice(), spikes: a };
}

function sameBits(x: Float32Array, y: Float32Array, what: string): void {
  const a = new Uint32Array(x.buffer, x.byteOffset, x.length), b = new Uint32Array(y.buffer, y.byteOffset, y.length);
  const bad = a.findIndex((v, i) => v !== b[i]);
  assert.equal(bad, -1, `${what}: value ${bad} is ${y[bad]}, the loop gives ${x[bad]}`);
}

test('windows in kernel memory get the loop\'s bits: static and drifting, with and without amplitude factors', () => {
  assert.ok(scaled.amplitudeFactor, 'amplitude_std gives per-spike factors');
  let spikes = 0;
  for (const gt of [plain, scaled]) {
    for (const drifting of [false, true]) {
      // tile-sized windows, cut anywhere (spikes straddling both edges), over the drifting part of the recording
      for (const start of [0, 1, 511, 40_000, 150_007, 299_488]) {
        const end = Math.min(gt.numSamples, start + 512);
        const r = both(gt, start, end, drifting);
        sameBits(r.loop, r.kernel, `${gt.amplitudeFactor ? 'scaled' : 'plain'} ${drifting ? 'drifting' : 'static'} ${start}`);
        spikes += r.spikes;
      }
      const r = both(gt, 100_000, 104_000, drifting, 'parity-model');
      sameBits(r.loop, r.kernel, 'a 4000-sample window');
      spikes += r.spikes;
    }
  }
  assert.ok(spikes > 50, `only ${spikes} spikes were injected`);
});

test('a window outside the tile region of kernel memory takes the loop', () => {
  const memory = threadMemory()!;
  assert.equal(injectable(new Float32Array(memory.buffer, TILES_REGION, 1024)), true);
  assert.equal(injectable(new Float32Array(memory.buffer, 0, 1024)), false);
  assert.equal(injectable(new Float32Array(memory.buffer, TILES_REGION, 30000 * 128)), false);
});

test('a full block cache is emptied and refilled, and a block bigger than it falls back to the loop', () => {
  try {
    // room for a few blocks only: the cache is emptied many times within one window
    limitTemplateRegionForTests(64 * 1024);
    let r = both(plain, 100_000, 104_000, true);
    assert.ok(r.spikes > 3, `${r.spikes} spikes`);
    sameBits(r.loop, r.kernel, 'small cache');
    // smaller than any block: the whole call takes the loop
    limitTemplateRegionForTests(256);
    r = both(scaled, 100_000, 104_000, true);
    sameBits(r.loop, r.kernel, 'oversized blocks');
  } finally {
    limitTemplateRegionForTests(null);
  }
});
