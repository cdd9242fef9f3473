/**
 * Validation of a preset document: migration to the current version, the schema, then the cross-field rules.
 * Returns every problem at once, each with its JSON path and a sentence; never throws on bad input.
 */
import { issueToProblems } from './issue-text.ts';
import { migratePreset } from './migrations.ts';
import { formatProblem, type Problem } from './problems.ts';
import { checkRules } from './rules.ts';
import { presetV1 } from './schema.ts';
import type { PresetV1 } from './types.ts';
import type { AnyPresetV1 } from './hybrid-types.ts';
import { validateHybridPreset } from './hybrid-validate.ts';

export type ValidationResult = { ok: true; preset: PresetV1; problems: [] } | { ok: false; problems: Problem[] };

export function validatePreset(input: unknown): ValidationResult {
  const migrated = migratePreset(input);
  if (!migrated.ok) return migrated;
  const parsed = presetV1.safeParse(migrated.doc, { reportInput: true });
  const problems: Problem[] = parsed.success ? [] : parsed.error.issues.flatMap(issueToProblems);
  const seen = new Set(problems.map((p) => p.path));
  for (const p of checkRules(migrated.doc)) if (!seen.has(p.path)) problems.push(p);
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, preset: parsed.data as PresetV1, problems: [] };
}

export type AnyValidationResult = { ok: true; preset: AnyPresetV1; problems: [] } | { ok: false; problems: Problem[] };

const isHybridDoc = (doc: unknown): boolean => typeof doc === 'object' && doc !== null && (doc as { kind?: unknown }).kind === 'hybrid';

/** Validates a drifting or a hybrid preset, dispatching on its `kind`. */
export function validatePresetOfAnyKind(input: unknown): AnyValidationResult {
  return isHybridDoc(input) ? validateHybridPreset(input) : validatePreset(input);
}

/** Parses preset text of either kind (see parsePresetText). */
export function parseAnyPresetText(text: string): AnyValidationResult {
  const doc = parseJson(text);
  return doc.ok ? validatePresetOfAnyKind(doc.doc) : doc;
}

function parseJson(text: string): { ok: true; doc: unknown } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, doc: JSON.parse(text) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [{ path: '', message: `the file is not valid JSON (${detail}); fix the syntax and load it again` }] };
  }
}

/** Parses preset text (a file's content); a JSON syntax error becomes a problem with its position. */
export function parsePresetText(text: string): ValidationResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [{ path: '', message: `the file is not valid JSON (${detail}); fix the syntax and load it again` }] };
  }
  return validatePreset(doc);
}

export function problemsText(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
