/**
 * `spikegen generate <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S]
 * [--overwrite] [--kilosort] [--spikeglx]`: writes a whole dataset. Ctrl-C cancels cleanly: the partial folder
 * is removed and nothing that looks complete is left.
 */
import { parseArgs } from 'node:util';
import { PresetProblemError } from '../../app/presets/index.ts';
import { generateDataset } from '../services/generation/generate-dataset.ts';
import { formatBytes } from '../services/generation/estimate.ts';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UsageError } from './errors.ts';
import { resolveLibraryProbe } from './library-probe.ts';
import { loadPresetFile, printProblems } from './load-preset.ts';
import { createProgressReporter } from './progress.ts';

export const GENERATE_USAGE = "spikegen generate <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S] [--overwrite] [--kilosort] [--spikeglx]";

function positiveNumber(flag: string, v: string | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} must be a positive ${integer ? 'whole ' : ''}number, not "${v}"`);
  return n;
}

export async function generateCommand(argv: string[], log: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' }, workers: { type: 'string' }, dtype: { type: 'string' },
      'chunk-seconds': { type: 'string' }, overwrite: { type: 'boolean', default: false },
      kilosort: { type: 'boolean', default: false }, spikeglx: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`give exactly one preset file: ${GENERATE_USAGE}`);
  if (!values.out) throw new UsageError(`give the output folder with --out: ${GENERATE_USAGE}`);
  if (values.dtype !== undefined && values.dtype !== 'int16' && values.dtype !== 'float32') throw new UsageError(`--dtype must be int16 or float32, not "${values.dtype}"`);
  const workers = positiveNumber('--workers', values.workers, true);
  const chunkSeconds = positiveNumber('--chunk-seconds', values['chunk-seconds'], false);
  const loaded = loadPresetFile(positionals[0]);
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
    const libraryProbe = await resolveLibraryProbe(preset);
    const r = await generateDataset({
      preset, out: values.out, workers, chunkSeconds, overwrite: values.overwrite,
      dtype: values.dtype as 'int16' | 'float32' | undefined,
      exports: values.kilosort || values.spikeglx ? { kilosort: values.kilosort, spikeglx: values.spikeglx } : undefined,
      signal: controller.signal, build: { libraryProbe }, onProgress: (p) => progress.update(p),
      onGroundTruth: (gt) => err(`ground truth: ${gt.numUnits} units, ${gt.spikes.length} spikes, ${gt.numChannels} channels, ${gt.duration} s, seed ${gt.seed}`),
    });
    progress.stop();
    const s = r.summary;
    for (const w of s.warnings) err(`warning: ${w}`);
    if (s.clipped_samples.static + s.clipped_samples.drifting > 0) err(`warning: ${s.clipped_samples.static + s.clipped_samples.drifting} samples saturated the int16 range`);
    log(`Dataset "${preset.name}" written to ${r.out}: ${formatBytes(s.total_bytes)}, ${s.dtype}${s.gain_to_uV ? ` (${s.gain_to_uV.toPrecision(4)} uV/bit)` : ''}, `
      + `${s.timings.total_s.toFixed(1)} s (rendering at ${(s.duration_s / s.timings.render_s).toFixed(1)}x real time for the pair)`);
    return EXIT_OK;
  } catch (e) {
    progress.stop();
    if (e instanceof PresetProblemError) {
      printProblems(err, `The preset ${positionals[0]} cannot be built:`, e.problems);
      return EXIT_BAD_INPUT;
    }
    if (controller.signal.aborted) {
      err(`spikegen generate: cancelled; no dataset was written to ${values.out}`);
      return EXIT_FAILED;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
    process.removeListener('SIGTERM', onSigint);
  }
}
