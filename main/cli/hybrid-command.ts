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
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UsageError } from './errors.ts';
import { printProblems } from './load-preset.ts';
import { createProgressReporter } from './progress.ts';

export const HYBRID_USAGE = 'spikegen hybrid <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S] [--overwrite] [--exact-templates]';

function positiveNumber(flag: string, v: string | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} must be a positive ${integer ? 'whole ' : ''}number, not "${v}"`);
  return n;
}

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
    options: {
      out: { type: 'string', short: 'o' }, workers: { type: 'string' }, dtype: { type: 'string' },
      'chunk-seconds': { type: 'string' }, overwrite: { type: 'boolean', default: false },
      'exact-templates': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`give exactly one preset file: ${HYBRID_USAGE}`);
  if (!values.out) throw new UsageError(`give the output folder with --out: ${HYBRID_USAGE}`);
  if (values.dtype !== undefined && values.dtype !== 'int16' && values.dtype !== 'float32') throw new UsageError(`--dtype must be int16 or float32, not "${values.dtype}"`);
  const workers = positiveNumber('--workers', values.workers, true);
  const chunkSeconds = positiveNumber('--chunk-seconds', values['chunk-seconds'], false);
  const loaded = loadHybridPreset(positionals[0]);
  if (!loaded.ok) {
    printProblems(err, `The preset ${positionals[0]} has ${loaded.problems.length} problem(s):`, loaded.problems);
    return EXIT_BAD_INPUT;
  }
  const preset = loaded.preset;
  const controller = new AbortController();
  const onSigint = () => { err('\ncancelling: stopping the workers and removing the partial dataset...'); controller.abort(new Error('cancelled by the user (Ctrl-C)')); };
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  const progress = createProgressReporter(Boolean(process.stderr.isTTY), err);
  try {
    const r = await generateHybridDataset({
      preset, out: values.out, workers, chunkSeconds, overwrite: values.overwrite, dtype: values.dtype as 'int16' | 'float32' | undefined,
      signal: controller.signal, build: values['exact-templates'] ? { templateErrorBoundUv: 0 } : undefined,
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
      printProblems(err, `The preset ${positionals[0]} cannot be built:`, e.problems);
      return EXIT_BAD_INPUT;
    }
    if (controller.signal.aborted) {
      err(`spikegen hybrid: cancelled; no dataset was written to ${values.out}`);
      return EXIT_FAILED;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
    process.removeListener('SIGTERM', onSigint);
  }
}
