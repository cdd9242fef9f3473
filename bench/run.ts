// `npm run bench [-- name ...]`: runs the benchmarks (all by default) and records bench/results/<name>.json.
import { benchGroundTruth } from './ground-truth.bench.ts';
import { benchGeneration } from './generation.bench.ts';
import { benchViewer } from './viewer.bench.ts';
import { benchHybrid } from './hybrid.bench.ts';

const BENCHES: Record<string, () => unknown> = {
  'ground-truth': () => benchGroundTruth(),
  generation: () => benchGeneration(),
  // W2 at 60 s instead of 600 s: a few minutes instead of ~15
  'generation-quick': () => benchGeneration({ quick: true }),
  // only the rows named by the targets (W1 and W2 int16, 2 workers), full length
  'generation-key': () => benchGeneration({ key: true }),
  // the trace viewer in Chromium on W2; `-- viewer --duration=60 --scroll-seconds=60` for a shorter run
  viewer: () => benchViewer(),
  // hybrid generation into a 60 s 384-channel SpikeGLX file, against synthetic generation of the same size
  hybrid: () => benchHybrid(),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of names.length ? names : ['ground-truth', 'generation']) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== ${name}`);
  await run();
}
