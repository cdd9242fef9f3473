/**
 * `spikegen generate <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S]
 * [--overwrite] [--kilosort] [--spikeglx]`: writes a whole dataset. Ctrl-C cancels cleanly: the partial folder
 * is removed and nothing that looks complete is left.
 */
import { parseArgs } from 'node:util';
import { PresetProblemError } from '../../app/presets/index.ts';
import { generateDataset } from '../services/generation/generate-dataset.ts';
import { formatBytes } from '../services/generation/estimate.ts';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK } from './errors.ts';
import { GENERATION_OPTIONS, parseGenerationFlags, withCancellation } from './generation-flags.ts';
import { resolveLibraryProbe } from './library-probe.ts';
import { loadPresetFile, printProblems } from './load-preset.ts';
import { createProgressReporter } from './progress.ts';

export const GENERATE_USAGE = 'spikegen generate <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S] [--overwrite] [--kilosort] [--spikeglx]';

export async function generateCommand(argv: string[], log: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { ...GENERATION_OPTIONS, kilosort: { type: 'boolean', default: false }, spikeglx: { type: 'boolean', default: false } },
  });
  const flags = parseGenerationFlags(values, positionals, GENERATE_USAGE);
  const loaded = loadPresetFile(flags.presetPath);
  if (!loaded.ok) {
    printProblems(err, `The preset ${flags.presetPath} has ${loaded.problems.length} problem(s):`, loaded.problems);
    return EXIT_BAD_INPUT;
  }
  const preset = loaded.preset;
  const progress = createProgressReporter(Boolean(process.stderr.isTTY), err);
  return withCancellation(err, async (signal) => {
    try {
      const libraryProbe = await resolveLibraryProbe(preset);
      const r = await generateDataset({
        preset, out: flags.out, workers: flags.workers, chunkSeconds: flags.chunkSeconds, overwrite: flags.overwrite, dtype: flags.dtype,
        exports: values.kilosort || values.spikeglx ? { kilosort: values.kilosort, spikeglx: values.spikeglx } : undefined,
        signal, build: { libraryProbe }, onProgress: (p) => progress.update(p),
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
        printProblems(err, `The preset ${flags.presetPath} cannot be built:`, e.problems);
        return EXIT_BAD_INPUT;
      }
      if (signal.aborted) {
        err(`spikegen generate: cancelled; no dataset was written to ${flags.out}`);
        return EXIT_FAILED;
      }
      throw e;
    }
  });
}
