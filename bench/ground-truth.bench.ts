// Issue "Generation engine (1 of 2)": ground-truth build time and peak memory for W1 and W2.
// Target: W2 under 5 s and under 500 MB (SpikeInterface 0.105: ~22 s, 8.4 GB peak while rendering).
import { fileURLToPath } from 'node:url';
import { median, record, runChild } from './lib.ts';

interface Run { seconds: number; peak_rss_mb: number; [k: string]: number }

export function benchGroundTruth(repeats = 3) {
  const rows: Record<string, unknown>[] = [];
  for (const w of ['W1', 'W2']) {
    const preset = fileURLToPath(new URL(`./presets/${w}.json`, import.meta.url));
    const runs: Run[] = [];
    for (let i = 0; i < repeats; i++) runs.push(runChild<Run>('./ground-truth-child.ts', [preset]));
    const row = {
      workload: w, repeats, median_seconds: +median(runs.map((r) => r.seconds)).toFixed(3),
      median_peak_rss_mb: +median(runs.map((r) => r.peak_rss_mb)).toFixed(1),
      runs_seconds: runs.map((r) => +r.seconds.toFixed(3)), ...runs[0], seconds: undefined, peak_rss_mb: undefined,
    };
    console.log(`${w}: build ${row.median_seconds} s (median of ${repeats}), peak RSS ${row.median_peak_rss_mb} MB, `
      + `${runs[0].num_spikes} spikes, sparse templates ${runs[0].sparse_templates_mb.toFixed(0)} MB vs ${runs[0].dense_templates_at_steps_mb.toFixed(0)} MB dense`);
    rows.push(row);
  }
  const w2 = rows[1] as { median_seconds: number; median_peak_rss_mb: number };
  const path = record('ground-truth', {
    targets: { W2_seconds: 5, W2_peak_rss_mb: 500 },
    spikeinterface_0_105_same_machine_class: { W2_template_building_seconds: 22, W2_peak_gb_while_rendering: 8.4 },
    met: { W2_seconds: w2.median_seconds < 5, W2_memory: w2.median_peak_rss_mb < 500 },
    rows,
  });
  console.log(`recorded ${path}`);
}
