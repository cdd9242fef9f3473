// Benchmark of the template model, case W2: Neuropixels1-384 contacts, 250 units, 135 samples (30 kHz,
// 1.5 + 3.0 ms), drift steps +-20 um every 1 um (41 steps) -> sparse templates at every step, error bound 0.1 uV.
// Target: <= 3 s single-threaded, <= 300 MB. Plain script: `node --import tsx bench/templates.bench.ts`.
// Prints the median of 3 runs (each after a forced GC) and the memory: RSS peak (sampled every 5 ms) above the
// pre-run baseline, and the bytes held by the result.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildTemplatesAtSteps, type SparseTemplates } from '../app/generation/templates-at-steps.ts';
import { generateTemplates } from '../app/generation/templates.ts';
import { ensureUnitParams } from '../app/generation/unit-params.ts';
import { defaultRng } from '../app/rng/index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const probePath = new URL('../tests/fixtures/reference/probes/Neuropixels1-384.json', import.meta.url);
const probe = JSON.parse(readFileSync(probePath, 'utf8')).probes[0] as { contact_positions: number[][] };
const channels = Float64Array.from(probe.contact_positions.flat());
const numChannels = channels.length / 2;
const numUnits = 250, seed = 2205;

// unit locations like generate_unit_locations (uniform in the probe box + 20 um margin, z in [5, 45]), float32
const rng = defaultRng(seed);
let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
for (let c = 0; c < numChannels; c++) {
  xmin = Math.min(xmin, channels[2 * c]); xmax = Math.max(xmax, channels[2 * c]);
  ymin = Math.min(ymin, channels[2 * c + 1]); ymax = Math.max(ymax, channels[2 * c + 1]);
}
const units = new Float32Array(numUnits * 3);
const xs = rng.uniformArray(xmin - 20, xmax + 20, numUnits), ys = rng.uniformArray(ymin - 20, ymax + 20, numUnits), zs = rng.uniformArray(5, 45, numUnits);
for (let u = 0; u < numUnits; u++) { units[3 * u] = xs[u]; units[3 * u + 1] = ys[u]; units[3 * u + 2] = zs[u]; }
const steps = new Float64Array(41 * 2);
for (let i = 0; i < 41; i++) steps[2 * i + 1] = 20 - i; // make_linear_displacement([0, 20], [0, -20], 41)

const opts = {
  sampling_frequency: 30000, ms_before: 1.5, ms_after: 3.0, mode: 'ellipsoid' as const, upsample_factor: null,
  unit_params: ensureUnitParams({}, numUnits, seed),
};

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const MB = (b: number): string => (b / 1e6).toFixed(1);

function measure<T>(label: string, fn: () => T, runs = 3): T {
  const times: number[] = [], peaks: number[] = [];
  let result: T | undefined;
  for (let r = 0; r < runs; r++) {
    result = undefined;
    gc();
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage().rss);
    clearInterval(timer);
    peaks.push(peak - base);
  }
  // the build is synchronous, so the sampler only sees the end (the peak RSS of the process is printed too);
  // later runs may reuse pages freed by the previous result, so the first run's growth is the honest one
  console.log(`${label}: median ${median(times).toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')}), ` +
    `RSS growth per run ${peaks.map(MB).join(', ')} MB, process peak RSS so far ${MB(process.resourceUsage().maxRSS * 1024)} MB`);
  return result as T;
}

gc();
console.log(`W2: ${numChannels} channels, ${numUnits} units, 41 steps, node ${process.version}; RSS before ${MB(process.memoryUsage().rss)} MB`);
const sp: SparseTemplates = measure('buildTemplatesAtSteps (41 steps, bound 0.1 uV)', () => buildTemplatesAtSteps(channels, units, steps, opts, 0.1));
measure('static dense generateTemplates (250 x 135 x 384)', () => generateTemplates(channels, units, opts));

const totalNnz = sp.channels.length;
const denseChannels = 41 * numUnits * numChannels;
const resultBytes = sp.waveforms.byteLength + sp.channels.byteLength + sp.channelOffsets.byteLength;
console.log(`total nnz ${totalNnz} channel-waveforms of ${denseChannels} dense (${((100 * totalNnz) / denseChannels).toFixed(2)} %), ` +
  `mean ${(totalNnz / 41 / numUnits).toFixed(1)} channels per (step, unit)`);
console.log(`result ${MB(resultBytes)} MB (dense would be ${MB(denseChannels * 135 * 4)} MB); ` +
  `buffer reserved ${MB(sp.waveforms.buffer.byteLength)} MB of which the unwritten tail is never touched`);
const mem = process.memoryUsage();
console.log(`process now: rss ${MB(mem.rss)} MB, arrayBuffers ${MB(mem.arrayBuffers)} MB, heapUsed ${MB(mem.heapUsed)} MB`);
