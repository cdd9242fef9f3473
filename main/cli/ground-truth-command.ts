/**
 * `spikegen ground-truth <preset.json> --out <dir> [--overwrite]`: builds the ground truth of a preset and writes
 * its arrays as .npy files (see app/formats/ground-truth-files.ts), atomically.
 */
import { parseArgs } from 'node:util';
import { buildGroundTruth } from '../../app/index.ts';
import { abandonAtomicFolder, beginAtomicFolder, commitAtomicFolder } from '../../app/formats/atomic-folder.ts';
import { writeGroundTruthFiles } from '../../app/formats/ground-truth-files.ts';
import { PresetProblemError } from '../../app/presets/index.ts';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError } from './errors.ts';
import { loadPresetFile, printProblems } from './load-preset.ts';
import { resolveLibraryProbe } from './library-probe.ts';

export const GROUND_TRUTH_USAGE = 'spikegen ground-truth <preset.json> --out <dir> [--overwrite]';

export async function groundTruthCommand(argv: string[], log: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, overwrite: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError(`give exactly one preset file: ${GROUND_TRUTH_USAGE}`);
  if (!values.out) throw new UsageError(`give the output folder with --out: ${GROUND_TRUTH_USAGE}`);
  const loaded = loadPresetFile(positionals[0]);
  if (!loaded.ok) {
    printProblems(err, `The preset ${positionals[0]} has ${loaded.problems.length} problem(s):`, loaded.problems);
    return EXIT_BAD_INPUT;
  }
  const started = performance.now();
  let gt;
  try {
    const libraryProbe = await resolveLibraryProbe(loaded.preset);
    gt = buildGroundTruth(loaded.preset, { libraryProbe });
  } catch (e) {
    if (e instanceof PresetProblemError) {
      printProblems(err, `The preset ${positionals[0]} cannot be built:`, e.problems);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  const built = performance.now();
  const partial = beginAtomicFolder(values.out, values.overwrite ?? false);
  try {
    writeGroundTruthFiles(gt, partial);
    commitAtomicFolder(values.out);
  } catch (e) {
    abandonAtomicFolder(values.out);
    throw e;
  }
  for (const w of gt.warnings) err(`warning: ${w}`);
  log(`Ground truth of "${loaded.preset.name}" written to ${values.out}: ${gt.numUnits} units, ${gt.spikes.length} spikes, `
    + `${gt.numChannels} channels, ${gt.displacement.numSteps} drift steps, seed ${gt.seed} `
    + `(built in ${((built - started) / 1000).toFixed(2)} s)`);
  return EXIT_OK;
}
