// Spike trains of the W2 workload (250 units, 600 s, rates (2, 8) Hz, 30 kHz, 4 ms refractory), as
// generate_drifting_recording draws them. Plain script: `node --import tsx bench/sorting.bench.ts`; medians of 3.
import { generateSorting } from '../app/generation/sorting.ts';
import { generateDisplacementVector, computeDisplacementIndices } from '../app/generation/motion.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(label: string, f: () => T): T {
  const ms: number[] = [];
  let out: T | undefined;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    out = f();
    ms.push(performance.now() - t0);
  }
  console.log(`${label}: median ${median(ms).toFixed(1)} ms (runs ${ms.map((x) => x.toFixed(1)).join(', ')})`);
  return out as T;
}

const sorting = time('generateSorting W2 (250 units, 600 s)', () => generateSorting({
  num_units: 250, sampling_frequency: 30000, durations: [600], firing_rates: { range: [2, 8] }, refractory_period_ms: 4, seed: 2205,
}));
console.log(`  ${sorting.spikes.length} spikes`);

const xy = new Float64Array(500);
for (let u = 0; u < 250; u++) { xy[2 * u] = (u % 4) * 16; xy[2 * u + 1] = u * 5; }
const motion = time('generateDisplacementVector (600 s, 5 Hz, zigzag)', () => generateDisplacementVector(600, xy, {
  drift_start_um: [0, 20], drift_stop_um: [0, -20], seed: 2205,
}));
time('computeDisplacementIndices (all spikes, 41 steps)', () => computeDisplacementIndices(sorting.spikes, motion.displacementVectors,
  motion.displacementUnitFactor, motion.displacementsSteps, 30000, motion.displacementSamplingFrequency, motion.numTimes, motion.numMotions));
