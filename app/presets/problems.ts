/**
 * A problem found in a preset: where (a JSON path such as `params.generate_sorting_kwargs.firing_rates`) and
 * what, as a sentence a person understands. Validation collects all of them instead of stopping at the first.
 */
export interface Problem {
  path: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** Thrown by the engine when a preset that passed validation still cannot be built (e.g. too much drift). */
export class PresetProblemError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PresetProblemError';
    this.problems = problems;
  }
}

/** Joins path segments the way the messages show them: `params.motion_list[1].period_s`. */
export function joinPath(segments: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out;
}
