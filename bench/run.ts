// `npm run bench [-- name ...]`: runs the benchmarks (all by default) and records bench/results/<name>.json.
import { benchGroundTruth } from './ground-truth.bench.ts';

const BENCHES: Record<string, () => unknown> = {
  'ground-truth': () => benchGroundTruth(),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== ${name}`);
  await run();
}
