// Throughput of the numpy-compatible RNG (app/rng). Run: node --import tsx bench/rng.bench.ts
// Prints the median of 5 timed runs (after one warm-up run) for each case.
import { defaultRng } from '../app/rng/index.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bench(name: string, count: number, unit: string, run: () => void): void {
  run(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    run();
    times.push((performance.now() - t0) / 1000);
  }
  const t = median(times);
  console.log(`${name.padEnd(44)} ${(t * 1000).toFixed(1).padStart(8)} ms  ${(count / t / 1e6).toFixed(1).padStart(7)} M ${unit}/s`);
}

const N = 10_000_000;
let sink = 0;

const g = defaultRng(2205);
const bg = g.bitGenerator;
bench('PCG64 raw uint64 (step, hi/lo halves)', N, 'draws', () => {
  let acc = 0;
  for (let i = 0; i < N; i++) {
    bg.step();
    acc ^= bg.lo;
  }
  sink ^= acc;
});

bench('random() float64 array', N, 'values', () => { sink += g.randomArray(N)[0]; });

const f64 = new Float64Array(N);
bench('standard_normal float64', N, 'values', () => { g.standardNormalArray(N, f64); sink += f64[0]; });

const f32 = new Float32Array(N);
bench('standard_normal float32', N, 'values', () => { g.standardNormalFloat32Array(N, f32); sink += f32[0]; });

bench('standard_exponential float64', N, 'values', () => { sink += g.standardExponentialArray(N)[0]; });

bench('integers(0, 10, n) int64', N, 'values', () => { sink += g.integersArray(0, 10, N)[0]; });

const rows = 250, cols = 12_000;
const p = Float64Array.from({ length: rows }, (_, i) => (2 + (i % 7)) / 1e4); // p ~ 2e-4 .. 8e-4
bench(`geometricMatrix ${rows} x ${cols}, p ~ 2e-4`, rows * cols, 'values', () => {
  sink += g.geometricMatrix(p, cols)[0];
});

if (sink === 42.4242) console.log('');
