/**
 * `spikegen hybrid <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S] [--overwrite]
 * [--exact-templates]`: injects the units of a hybrid preset into its recording and writes the dataset, with the
 * progress and exit codes of `spikegen generate` (0 done, 1 failed or cancelled, 2 bad input). Ctrl-C removes the
 * partial folder.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PresetProblemError, parseAnyPresetText, type Problem } from '../../app/presets/index.ts';
import type { HybridPresetV1 } from '../../app/presets/hybrid-types.ts';
import { formatBytes } from '../services/generation/estimate.ts';
import { generateHybridDataset } from '../services/generation/generate-hybrid.ts';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK } from './errors.ts';
import { GENERATION_OPTIONS, parseGenerationFlags, withCancellation } from './generation-flags.ts';
import { printProblems } from './load-preset.ts';
import { createProgressReporter } from './progress.ts';

export const HYBRID_USAGE = 'spikegen hybrid <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S] [--overwrite] [--exact-templates]';


function loadHybridPreset(path: string): { ok: true; preset: HybridPresetV1 } | { ok: false; problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    return { ok: false, problems: [{ path: '', message: `cannot read the preset ${path} (${why}): give the path of a hybrid preset .json file` }] };
  }
  const r = parseAnyPresetText(text);
  if (!r.ok) return r;
  if (r.preset.kind !== 'hybrid') return { ok: false, problems: [{ path: 'kind', message: 'is "drifting": generate this preset with `spikegen generate`, or give a hybrid preset' }] };
  return { ok: true, preset: r.preset };
}

export async function hybridCommand(argv: string[], log: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { ...GENERATION_OPTIONS, 'exact-templates': { type: 'boolean', default: false } },
  });
  const flags = parseGenerationFlags(values, positionals, HYBRID_USAGE);
  const loaded = loadHybridPreset(flags.presetPath);
  if (!loaded.ok) {
    printProblems(err, `The preset ${flags.presetPath} has ${loaded.problems.length} problem(s):`, loaded.problems);
    return EXIT_BAD_INPUT;
  }
  const preset = loaded.preset;
  const progress = createProgressReporter(Boolean(process.stderr.isTTY), err);
  return withCancellation(err, async (signal) => {
    try {
      const r = await generateHybridDataset({
        preset, out: flags.out, workers: flags.workers, chunkSeconds: flags.chunkSeconds, overwrite: flags.overwrite, dtype: flags.dtype,
        signal, build: values['exact-templates'] ? { templateErrorBoundUv: 0 } : undefined,
        onProgress: (p) => progress.update(p),
        onGroundTruth: (gt) => err(`hybrid ground truth: ${gt.numUnits} units (${gt.templatesSource} templates), ${gt.spikes.length} spikes, `
          + `motion ${gt.motionSource} (${gt.displacement.numSteps} steps), into ${gt.recording.format} ${gt.recording.spec.path} (${gt.numChannels} channels, ${gt.duration.toFixed(1)} s), seed ${gt.seed}`),
      });
      progress.stop();
      const s = r.summary;
      for (const w of s.warnings) err(`warning: ${w}`);
      if (s.clipped_samples > 0) err(`warning: ${s.clipped_samples} samples saturated the int16 range`);
      log(`Hybrid dataset "${preset.name}" written to ${r.out}: ${formatBytes(s.total_bytes)}, ${s.dtype}, `
        + `${s.timings.total_s.toFixed(1)} s (rendering at ${(s.duration_s / s.timings.render_s).toFixed(1)}x real time)`);
      return EXIT_OK;
    } catch (e) {
      progress.stop();
      if (e instanceof PresetProblemError) {
        printProblems(err, `The preset ${flags.presetPath} cannot be built:`, e.problems);
        return EXIT_BAD_INPUT;
      }
      if (signal.aborted) {
        err(`spikegen hybrid: cancelled; no dataset was written to ${flags.out}`);
        return EXIT_FAILED;
      }
      throw e;
    }
  });
}
