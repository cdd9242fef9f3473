/**
 * Validation of a hybrid preset: migration to the current version, the hybrid schema, then the hybrid rules — every
 * problem at once, each with its JSON path and a sentence; never throws on bad input. `validatePresetOfAnyKind`
 * (validate.ts) dispatches here on `"kind": "hybrid"`.
 */
import { issueToProblems } from './issue-text.ts';
import { migratePreset } from './migrations.ts';
import type { Problem } from './problems.ts';
import { checkHybridRules } from './hybrid-rules.ts';
import { hybridPresetV1 } from './hybrid-schema.ts';
import type { HybridPresetV1 } from './hybrid-types.ts';

export type HybridValidationResult = { ok: true; preset: HybridPresetV1; problems: [] } | { ok: false; problems: Problem[] };

export function validateHybridPreset(input: unknown): HybridValidationResult {
  const migrated = migratePreset(input);
  if (!migrated.ok) return migrated;
  const parsed = hybridPresetV1.safeParse(migrated.doc, { reportInput: true });
  const problems: Problem[] = parsed.success ? [] : parsed.error.issues.flatMap(issueToProblems);
  const seen = new Set(problems.map((p) => p.path));
  for (const p of checkHybridRules(migrated.doc)) if (!seen.has(p.path)) problems.push(p);
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, preset: parsed.data as HybridPresetV1, problems: [] };
}
