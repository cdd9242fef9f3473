/**
 * The viewer back end on a real generated dataset (Neuropixels 128, 8 units, 4 s, int16): trace windows are the
 * brute-force min/max of the raw file's samples in µV, spike markers sit at the ground-truth samples (where the
 * injected template peaks), the drift raster's depth is unit y plus its displacement at the spike's time bin,
 * requests of one view supersede each other, and the report is written self-contained.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../../app/api/errors.ts';
import { decodeInt16Window } from '../../../../app/viewer/int16-window.ts';
import { buildGroundTruth } from '../../../../app/generation/ground-truth.ts';
import type { GroundTruth } from '../../../../app/generation/ground-truth-types.ts';
import { denseTemplateAt } from '../../../../app/generation/sparse-templates.ts';
import { readBinaryFolderInfo } from '../../../../app/formats/si-binary-folder-read.ts';
import { readFrames } from '../../../../app/formats/raw-positional-io.ts';
import { renderWindow } from '../../../../app/render/render-window.ts';
import { createServices, type Services } from '../../../../main/services/create-services.ts';
import { generateDataset } from '../../../../main/services/generation/generate-dataset.ts';
import { smallPreset } from '../generation/helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'spikegen-viewer-'));
const out = join(root, 'ds');
const preset = smallPreset();
let services: Services;
let id = '';
let gt: GroundTruth;

before(async () => {
  await generateDataset({ preset, out, workers: 2, dtype: 'int16', chunkSeconds: 1 });
  services = createServices({ dataDir: join(root, 'data'), mode: 'web' });
  id = (await services.api.datasets.add(out)).id;
  gt = buildGroundTruth(preset);
});

after(async () => {
  await services?.close();
  rmSync(root, { recursive: true, force: true });
});

function bruteForceWindow(rec: 'static' | 'drifting', start: number, end: number, c0: number, c1: number, pixels: number): Float32Array {
  const info = readBinaryFolderInfo(join(out, rec));
  const fd = openSync(info.rawPath, 'r');
  const raw = readFrames(fd, start, end - start, info.numChannels, info.dtype);
  closeSync(fd);
  const n = end - start, P = Math.min(pixels, n);
  const outArr = new Float32Array((c1 - c0) * P * 2);
  for (let c = c0; c < c1; c++) {
    for (let i = 0; i < P; i++) {
      let lo = Infinity, hi = -Infinity;
      for (let f = Math.floor((i * n) / P); f < Math.floor(((i + 1) * n) / P); f++) {
        const v = raw[f * info.numChannels + c] * info.gains![c] + info.offsets![c];
        lo = Math.min(lo, v); hi = Math.max(hi, v);
      }
      outArr[((c - c0) * P + i) * 2] = lo;
      outArr[((c - c0) * P + i) * 2 + 1] = hi;
    }
  }
  return outArr;
}

test('traces.open describes the dataset', async () => {
  const info = await services.api.traces.open(id);
  assert.equal(info.numChannels, 128);
  assert.equal(info.numSamples, 4 * 30000);
  assert.equal(info.numUnits, 8);
  assert.equal(info.numSpikes, gt.spikes.length);
  assert.equal(info.channelLocations.length, 256);
  // the plots' titles: a generated dataset's two recordings (hybrid datasets name theirs)
  assert.deepEqual(info.recordings, ['static', 'drifting']);
});

test('traces.window returns a binary min/max per column equal to a brute-force min/max of the raw samples', async () => {
  for (const [start, end, c0, c1, pixels] of [[0, 30000, 0, 128, 800], [12345, 13345, 40, 72, 640], [59990, 60040, 5, 9, 900]]) {
    const r = await services.api.traces.window({ dataset: id, start, end, channelStart: c0, channelEnd: c1, pixels });
    assert.ok(r.data instanceof ArrayBuffer);
    assert.deepEqual(r.meta.recordings, ['static', 'drifting']);
    assert.equal(r.meta.exact, true);
    // an int16 dataset's window comes as stored values with the gains in the meta (half the bytes)
    assert.ok(r.meta.int16, 'int16 recordings are sent as int16');
    assert.equal(r.data.byteLength, 2 * (c1 - c0) * r.meta.columns * 2 * 2);
    const data = decodeInt16Window(r.meta, r.data);
    const per = (c1 - c0) * r.meta.columns * 2;
    assert.equal(data.length, 2 * per);
    assert.equal(r.meta.columns, Math.min(pixels, end - start));
    const expStatic = bruteForceWindow('static', start, end, c0, c1, pixels);
    const expDrift = bruteForceWindow('drifting', start, end, c0, c1, pixels);
    for (let i = 0; i < per; i++) {
      assert.ok(Math.abs(data[i] - expStatic[i]) < 1e-3, `static value ${i}`);
      assert.ok(Math.abs(data[per + i] - expDrift[i]) < 1e-3, `drifting value ${i}`);
    }
  }
  await assert.rejects(services.api.traces.window({ dataset: id, start: 0, end: 10 ** 9, channelStart: 0, channelEnd: 4, pixels: 10 }), /not inside the recording/);
});

test('a newer window request of the same view supersedes the waiting one', async () => {
  const ask = (start: number) => services.api.traces.window({ dataset: id, start, end: start + 30000, channelStart: 0, channelEnd: 128, pixels: 500, view: 'test' });
  const results = await Promise.allSettled([ask(0), ask(1000), ask(2000), ask(3000)]);
  assert.equal(results[0].status, 'fulfilled', 'the first one runs');
  for (const r of results.slice(1, 3)) assert.ok(r.status === 'rejected' && r.reason instanceof ApiError && r.reason.kind === 'cancelled');
  assert.equal(results[3].status, 'fulfilled', 'the newest one is answered');
  assert.equal((results[3] as PromiseFulfilledResult<{ meta: { startSample: number } }>).value.meta.startSample, 3000);
});

test('spike markers sit at the ground-truth samples, where the injected template peaks on the marker channel', async () => {
  const m = await services.api.traces.spikes({ dataset: id, start: 0, end: gt.numSamples });
  assert.deepEqual(m.sampleIndex, Array.from(gt.spikes.sampleIndex));
  assert.deepEqual(m.unitIndex, Array.from(gt.spikes.unitIndex));
  assert.deepEqual(m.staticChannel, m.unitIndex.map((u) => gt.maxChannelIndex[u]));
  // an isolated spike: the static recording minus its noise peaks at the spike's sample on the marker channel
  const W = gt.numTemplateSamples;
  const i = m.sampleIndex.findIndex((s, k) => s > W && s < gt.numSamples - W && (k === 0 || s - m.sampleIndex[k - 1] > W) && (k + 1 === m.sampleIndex.length || m.sampleIndex[k + 1] - s > W));
  const s = m.sampleIndex[i], c = m.staticChannel[i];
  const w = renderWindow(gt, s - 20, s + 20);
  let best = 0, bestV = Infinity;
  for (let f = 0; f < 40; f++) {
    const v = w.static[f * gt.numChannels + c] - w.noise![f * gt.numChannels + c];
    if (v < bestV) { bestV = v; best = f; }
  }
  assert.equal(s - 20 + best, s, 'the template trough is at the marker sample');
  const filtered = await services.api.traces.spikes({ dataset: id, start: 0, end: gt.numSamples, units: [3] });
  assert.ok(filtered.unitIndex.length > 0 && filtered.unitIndex.every((u) => u === 3));
});

test('the drift raster depth equals the unit location plus its displacement at the spike time bin', async () => {
  const r = await services.api.qc.raster({ dataset: id });
  const n = r.meta.numSpikes;
  assert.equal(n, gt.spikes.length);
  const d = new Float32Array(r.data);
  const d0 = gt.displacement;
  for (let k = 0; k < n; k++) {
    const u = gt.spikes.unitIndex[k], s = gt.spikes.sampleIndex[k];
    const bin = Math.trunc((s / gt.samplingFrequency) * d0.samplingFrequency);
    const y = gt.unitLocations[3 * u + 1];
    assert.equal(d[n + k], Math.fround(y));
    assert.equal(d[2 * n + k], Math.fround(y + d0.unitDisplacements[(bin * gt.numUnits + u) * 2 + 1]), `spike ${k}`);
    assert.equal(d[4 * n + k], u);
  }
});

test('qc.templates equal the ground truth templates at the chosen steps within their error bound', async () => {
  const steps = [0, gt.staticStepIndex, gt.displacement.numSteps - 1];
  const r = await services.api.qc.templates({ dataset: id, unit: 2, steps });
  const data = new Float32Array(r.data);
  const S = r.meta.numSamples, K = r.meta.channels.length;
  steps.forEach((st, i) => {
    const dense = denseTemplateAt(gt.templatesAtSteps, st, 2);
    r.meta.channels.forEach((c, k) => {
      for (let s = 0; s < S; s++) {
        assert.ok(Math.abs(data[(i * K + k) * S + s] - dense[s * gt.numChannels + c]) <= gt.templatesAtSteps.errorBoundUv + 1e-4, `step ${st} channel ${c} sample ${s}`);
      }
    });
  });
  const units = await services.api.qc.units(id);
  assert.equal(units.units.length, 8);
  const drift = await services.api.qc.drift({ dataset: id, units: [1] });
  assert.equal(drift.times.length, gt.displacement.numTimes);
  assert.equal(drift.units[0].dy.length, gt.displacement.numTimes);
});

test('preview.window renders a preset window on the fly, equal to the generated file within the int16 step', async () => {
  const r = await services.api.preview.window({ preset: preset as unknown as Record<string, unknown>, start: 30000, end: 33000, channelStart: 0, channelEnd: 128, pixels: 300, recordings: ['drifting'] });
  const data = new Float32Array(r.data);
  const expected = bruteForceWindow('drifting', 30000, 33000, 0, 128, 300);
  const gain = readBinaryFolderInfo(join(out, 'drifting')).gains![0];
  for (let i = 0; i < data.length; i++) assert.ok(Math.abs(data[i] - expected[i]) <= gain, `value ${i}: ${data[i]} vs ${expected[i]}`);
});

test('reports.write writes a self-contained report.html with the figures', async () => {
  const r = await services.api.reports.write(id);
  const html = readFileSync(r.path, 'utf8');
  assert.equal(r.path, join(out, 'report.html'));
  assert.ok(r.figures.length >= 6);
  assert.equal((html.match(/<svg /g) ?? []).length, r.figures.length);
  assert.doesNotMatch(html, /<script|<link|src="http|href="http/);
  const svg = await services.api.reports.figure({ dataset: id, figure: 'traces', start: 0, end: 3000, channelStart: 0, channelEnd: 16 });
  assert.match(svg.svg, /^<svg /);
});
