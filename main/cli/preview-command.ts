/**
 * `spikegen preview <preset.json> --start S --end S --out window.npy [--recording drifting|static|noise]`:
 * renders one window on the fly with the chunk renderer and writes it as a (samples, channels) float32 .npy in
 * microvolts, without writing a dataset. The same window of a generated dataset has the same values.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildGroundTruth } from '../../app/index.ts';
import { encodeNpy } from '../../app/formats/npy.ts';
import { PresetProblemError } from '../../app/presets/index.ts';
import { renderModelFromGroundTruth } from '../../app/render/render-model.ts';
import { renderWindow } from '../../app/render/render-window.ts';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError } from './errors.ts';
import { resolveLibraryProbe } from './library-probe.ts';
import { loadPresetFile, printProblems } from './load-preset.ts';

export const PREVIEW_USAGE = 'spikegen preview <preset.json> --start S --end S --out window.npy [--recording drifting|static|noise]';

export async function previewCommand(argv: string[], log: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { start: { type: 'string' }, end: { type: 'string' }, out: { type: 'string', short: 'o' }, recording: { type: 'string', default: 'drifting' } },
  });
  if (positionals.length !== 1) throw new UsageError(`give exactly one preset file: ${PREVIEW_USAGE}`);
  if (!values.out) throw new UsageError(`give the output file with --out: ${PREVIEW_USAGE}`);
  const recording = values.recording as string;
  if (!['drifting', 'static', 'noise'].includes(recording)) throw new UsageError(`--recording must be drifting, static or noise, not "${recording}"`);
  const start = Number(values.start ?? 0);
  const end = Number(values.end ?? 0.1);
  if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end <= start) {
    throw new UsageError(`--start and --end are seconds with 0 <= start < end (got ${values.start} and ${values.end})`);
  }
  const loaded = loadPresetFile(positionals[0]);
  if (!loaded.ok) {
    printProblems(err, `The preset ${positionals[0]} has ${loaded.problems.length} problem(s):`, loaded.problems);
    return EXIT_BAD_INPUT;
  }
  try {
    const gt = buildGroundTruth(loaded.preset, { libraryProbe: await resolveLibraryProbe(loaded.preset) });
    const s0 = Math.round(start * gt.samplingFrequency);
    const s1 = Math.round(end * gt.samplingFrequency);
    if (s1 > gt.numSamples) throw new UsageError(`--end ${end} s is past the end of the recording (${gt.duration} s)`);
    const w = renderWindow(renderModelFromGroundTruth(gt), s0, s1);
    const data = recording === "noise" ? w.noise! : recording === "static" ? w.static : w.drifting;
    writeFileSync(values.out, encodeNpy(data, [s1 - s0, gt.numChannels]));
    log(`Window ${start}-${end} s of the ${recording} recording (${s1 - s0} samples x ${gt.numChannels} channels, float32 uV) written to ${values.out}`);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof PresetProblemError) {
      printProblems(err, `The preset ${positionals[0]} cannot be built:`, e.problems);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
}
