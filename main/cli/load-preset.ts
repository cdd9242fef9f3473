/** Reads and validates a preset file for a CLI command; problems come back as sentences, never thrown. */
import { readFileSync } from 'node:fs';
import { formatProblem, parsePresetText, type Problem, type PresetV1 } from '../../app/presets/index.ts';

export type LoadedPreset = { ok: true; preset: PresetV1 } | { ok: false; problems: Problem[] };

export function loadPresetFile(path: string): LoadedPreset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code);
    return { ok: false, problems: [{ path: '', message: `cannot read the preset ${path} (${why}): give the path of a preset .json file` }] };
  }
  const r = parsePresetText(text);
  return r.ok ? { ok: true, preset: r.preset } : { ok: false, problems: r.problems };
}

/** Prints a preset's problems under a heading, one per line with its JSON path. */
export function printProblems(err: (s: string) => void, heading: string, problems: readonly Problem[]): void {
  err(heading);
  for (const p of problems) err(`  ${formatProblem(p)}`);
}
