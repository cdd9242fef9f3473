/**
 * A document on its way into the store (a drifting or a hybrid preset): validated, with its problems, in a form that
 * compares by content.
 *
 * Drafts: the editor autosaves as the user types, so a half-typed, invalid document is stored too (with
 * `valid = false` and its problems) rather than lost; only a valid latest version can be generated or exported.
 * `create` and `importText` are not autosaves: they refuse an invalid document.
 */
import type { Problem } from '../../../app/presets/index.ts';
import { validatePresetOfAnyKind } from '../../../app/presets/validate.ts';
import { PresetStoreError } from './errors.ts';

export interface CheckedDocument {
  /** for a valid document the validator's output (migrated to the current format), else a JSON copy of the draft */
  document: Record<string, unknown>;
  valid: boolean;
  problems: Problem[];
  /** the document's `name` when it is a non-blank string, else '' */
  name: string;
  description: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON with object keys sorted at every level: equal documents give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value)) as Json));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
}

export function checkDocument(doc: unknown): CheckedDocument {
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(doc) ?? 'null');
  } catch (e) {
    throw new PresetStoreError('invalid', `the preset cannot be stored as JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    throw new PresetStoreError('invalid', 'a preset must be a JSON object such as {"format": "spikegen-preset", "version": 1, ...}');
  }
  // a drifting preset or, with "kind": "hybrid", a hybrid one (app/presets/hybrid-*.ts)
  const result = validatePresetOfAnyKind(copy);
  const document = (result.ok ? result.preset : copy) as Record<string, unknown>;
  const name = typeof document.name === 'string' && document.name.trim() !== '' ? document.name : '';
  const description = typeof document.description === 'string' ? document.description : '';
  return { document, valid: result.ok, problems: result.problems, name, description };
}

/** The sentence of an 'invalid' error: how many problems, then one per line with its JSON path. */
export function problemsSentence(intro: string, problems: readonly Problem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${intro} (${count}):\n${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n')}`;
}

/** The document under another name (the row's name and the document's stay the same). */
export function withName(checked: CheckedDocument, name: string): CheckedDocument {
  return { ...checked, name, document: { ...checked.document, name } };
}
