/**
 * What the presets service hands out. A preset is a name and a history of versions of its JSON document; the
 * latest version is "the preset". Built-in presets (app/presets/builtins.ts) appear with `builtin: true`.
 */
import type { Problem } from '../../../app/presets/index.ts';
import type { AnyPresetV1 } from '../../../app/presets/hybrid-types.ts';
import type { PresetStoreError } from './errors.ts';

export interface PresetSummary {
  id: string;
  name: string;
  description: string;
  builtin: boolean;
  /** ISO 8601 times */
  created: string;
  updated: string;
  /** whether the latest version passes validation (only then can it be generated) */
  valid: boolean;
}

export interface PresetRecord extends PresetSummary {
  /** the latest version's document: a PresetV1 or HybridPresetV1 when `valid`, otherwise the draft as it was saved */
  document: unknown;
  versionId: number;
  /** why the latest version is not valid (empty when it is) */
  problems: Problem[];
}

export interface PresetVersionInfo {
  versionId: number;
  savedAt: string;
  valid: boolean;
  problems: Problem[];
  /** the document's name in that version */
  name: string;
}

export interface PresetVersion extends PresetVersionInfo {
  document: unknown;
}

export interface ListOptions {
  /** case-insensitive text to find in the name or the description */
  search?: string;
  /** default true; built-ins come after the user's presets */
  includeBuiltins?: boolean;
}

export interface SaveResult {
  /** false when the document equals the latest version (nothing written) */
  saved: boolean;
  preset: PresetRecord;
}

export interface TrashEntry {
  id: string;
  name: string;
  deletedAt: string;
}

export interface StoreDiagnostics {
  path: string;
  schemaVersion: number;
  journalMode: string;
  foreignKeys: boolean;
}

export interface PresetStore {
  /** set when a damaged database was moved aside at start-up (show it to the user once) */
  readonly recovery: PresetStoreError | null;
  list(options?: ListOptions): PresetSummary[];
  get(id: string): PresetRecord;
  /** the latest version for generation; an 'invalid' error when it is a draft with problems */
  getValid(id: string): AnyPresetV1;
  create(doc: unknown): PresetRecord;
  duplicate(id: string, newName?: string): PresetRecord;
  rename(id: string, name: string): PresetRecord;
  save(id: string, doc: unknown): SaveResult;
  remove(id: string): void;
  undoRemove(id: string): PresetRecord;
  listTrash(): TrashEntry[];
  /** deletes for good the presets removed before `before` (all of the trash by default); returns how many */
  purgeTrash(before?: Date): number;
  history(id: string): PresetVersionInfo[];
  getVersion(id: string, versionId: number): PresetVersion;
  restoreVersion(id: string, versionId: number): PresetRecord;
  exportText(id: string): string;
  importText(text: string, fileName?: string): PresetRecord;
  diagnostics(): StoreDiagnostics;
  close(): void;
}
