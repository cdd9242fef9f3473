/**
 * The presets service on better-sqlite3: the user's presets with their history, a trash with undo, the built-ins
 * beside them (read-only), import and export of preset files. Every operation that writes more than one statement
 * runs in one transaction. better-sqlite3 is synchronous and the store lives in one process (the Electron main
 * process or the web-mode server), so there are no concurrent writers to coordinate.
 */
import { randomUUID } from 'node:crypto';
import { findBuiltin, isBuiltinId } from '../../../app/presets/builtins.ts';
import type { AnyPresetV1 } from '../../../app/presets/hybrid-types.ts';
import { parseAnyPresetText } from '../../../app/presets/validate.ts';
import { builtinRecord, builtinSummaries, builtinVersion } from './builtin-records.ts';
import { openDatabase, type OpenDatabaseOptions } from './database.ts';
import { checkDocument, problemsSentence, withName, type CheckedDocument } from './documents.ts';
import { nameTaken, notFound, PresetStoreError, readOnly } from './errors.ts';
import { PresetHistory } from './history.ts';
import { PresetNames } from './names.ts';
import type { SqliteDatabase } from './sqlite.ts';
import { PresetTable, toRecord, type PresetRow } from './preset-table.ts';
import type {
  ListOptions, PresetRecord, PresetStore, PresetSummary, PresetVersion, PresetVersionInfo, SaveResult, StoreDiagnostics, TrashEntry,
} from './types.ts';

export type PresetStoreOptions = OpenDatabaseOptions;

/** Opens (creating or migrating as needed) `presets.db` in the data folder. */
export function openPresetStore(dataDir: string, options: PresetStoreOptions = {}): PresetStore {
  const opened = openDatabase(dataDir, options);
  return new SqlitePresetStore(opened.db, opened.path, opened.recovery, options.now ?? (() => new Date()));
}

class SqlitePresetStore implements PresetStore {
  private readonly presets: PresetTable;
  private readonly versions: PresetHistory;
  private readonly names: PresetNames;

  constructor(
    private readonly db: SqliteDatabase, private readonly path: string,
    readonly recovery: PresetStoreError | null, private readonly now: () => Date,
  ) {
    this.presets = new PresetTable(db);
    this.versions = new PresetHistory(db);
    this.names = new PresetNames(db);
  }

  list({ search, includeBuiltins = true }: ListOptions = {}): PresetSummary[] {
    const all = [...this.presets.live(), ...(includeBuiltins ? builtinSummaries() : [])];
    // filtered here rather than with LIKE: SQLite folds case for ASCII only, and there are hundreds of rows at most
    const needle = search?.trim().toLocaleLowerCase();
    if (!needle) return all;
    return all.filter((p) => p.name.toLocaleLowerCase().includes(needle) || p.description.toLocaleLowerCase().includes(needle));
  }

  get(id: string): PresetRecord {
    const builtin = findBuiltin(id);
    if (builtin) return builtinRecord(builtin);
    const row = this.liveRow(id);
    const latest = this.versions.latest(id);
    if (!latest) throw notFound(id);
    return toRecord(row, latest);
  }

  getValid(id: string): AnyPresetV1 {
    const record = this.get(id);
    if (!record.valid) {
      throw new PresetStoreError('invalid', problemsSentence(`the preset "${record.name}" has problems to fix before it can be generated`, record.problems), { id, problems: record.problems });
    }
    return record.document as AnyPresetV1;
  }

  create(doc: unknown): PresetRecord {
    const checked = checkDocument(doc);
    if (!checked.valid) throw new PresetStoreError('invalid', problemsSentence('the preset was not created: it has problems', checked.problems), { problems: checked.problems });
    return this.insertNew(checked);
  }

  duplicate(id: string, newName?: string): PresetRecord {
    const source = this.get(id);
    const wanted = newName?.trim();
    if (wanted && this.names.isTaken(wanted)) throw nameTaken(wanted);
    const checked = checkDocument(source.document);
    return this.insertNew(withName(checked, wanted || `Copy of ${source.name}`));
  }

  rename(id: string, name: string): PresetRecord {
    if (isBuiltinId(id)) throw readOnly(id);
    const wanted = name.trim();
    if (!wanted) throw new PresetStoreError('invalid', 'a preset needs a name: type at least one character', { id, problems: [{ path: 'name', message: 'must not be empty' }] });
    const current = this.get(id);
    if (this.names.isTaken(wanted, id)) throw nameTaken(wanted);
    this.db.transaction(() => this.write(id, withName(checkDocument(current.document), wanted)))();
    return this.get(id);
  }

  save(id: string, doc: unknown): SaveResult {
    if (isBuiltinId(id)) throw readOnly(id);
    this.liveRow(id);
    const checked = checkDocument(doc);
    if (checked.name && this.names.isTaken(checked.name, id)) {
      checked.valid = false;
      checked.problems = [...checked.problems, this.names.takenProblem(checked.name)];
    }
    const saved = this.db.transaction(() => this.write(id, checked))();
    return { saved, preset: this.get(id) };
  }

  remove(id: string): void {
    if (isBuiltinId(id)) throw readOnly(id);
    const row = this.presets.row(id);
    if (!row) throw notFound(id);
    if (row.deleted_at === null) this.presets.softDelete(id, this.stamp());
  }

  undoRemove(id: string): PresetRecord {
    if (isBuiltinId(id)) throw readOnly(id);
    const row = this.presets.row(id);
    if (!row) throw notFound(id);
    if (row.deleted_at === null) return this.get(id);
    this.db.transaction(() => {
      // a preset created meanwhile may have taken the name: the restored one gets a number
      const name = this.names.unique(row.name, id);
      this.presets.restore(id, name);
      const latest = this.versions.latest(id);
      if (latest && name !== row.name) this.write(id, withName(checkDocument(latest.document), name));
    })();
    return this.get(id);
  }

  listTrash(): TrashEntry[] {
    return this.presets.trash();
  }

  purgeTrash(before: Date = this.now()): number {
    return this.presets.purge(before.toISOString());
  }

  history(id: string): PresetVersionInfo[] {
    const builtin = findBuiltin(id);
    if (builtin) {
      const { document: _document, ...info } = builtinVersion(builtin);
      return [info];
    }
    this.liveRow(id);
    return this.versions.list(id);
  }

  getVersion(id: string, versionId: number): PresetVersion {
    const builtin = findBuiltin(id);
    if (builtin && versionId === 0) return builtinVersion(builtin);
    if (!builtin) this.liveRow(id);
    const version = builtin ? undefined : this.versions.get(id, versionId);
    if (!version) throw new PresetStoreError('not-found', `the preset "${id}" has no version ${versionId}: reload its history`, { id });
    return version;
  }

  restoreVersion(id: string, versionId: number): PresetRecord {
    if (isBuiltinId(id)) throw readOnly(id);
    return this.save(id, this.getVersion(id, versionId).document).preset;
  }

  exportText(id: string): string {
    return `${JSON.stringify(this.getValid(id), null, 2)}\n`;
  }

  importText(text: string, fileName?: string): PresetRecord {
    const parsed = parseAnyPresetText(text);
    const what = fileName ? `"${fileName}"` : 'the text';
    if (!parsed.ok) throw new PresetStoreError('invalid', problemsSentence(`${what} is not a valid preset, so nothing was imported`, parsed.problems), { problems: parsed.problems });
    return this.insertNew(checkDocument(parsed.preset));
  }

  diagnostics(): StoreDiagnostics {
    const schemaVersion = this.db.prepare<{ v: number }>('SELECT max(version) AS v FROM schema_version').get()?.v ?? 0;
    return {
      path: this.path, schemaVersion, journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) === 1,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** the row of a preset that exists and is not in the trash */
  private liveRow(id: string): PresetRow {
    const row = this.presets.row(id);
    if (!row || row.deleted_at !== null) throw notFound(id, row !== undefined);
    return row;
  }

  /** Appends a version when the document changed and brings the row's name, description and time along. */
  private write(id: string, checked: CheckedDocument): boolean {
    const at = this.stamp();
    if (!this.versions.append(id, checked, at)) return false;
    const row = this.presets.row(id);
    const name = checked.name && !this.names.isTaken(checked.name, id) ? checked.name : row?.name ?? '';
    this.presets.update(id, name, checked.description, at);
    return true;
  }

  private insertNew(checked: CheckedDocument): PresetRecord {
    const id = randomUUID();
    this.db.transaction(() => {
      const named = withName(checked, this.names.unique(checked.name || 'Untitled preset'));
      const at = this.stamp();
      this.presets.insert(id, named.name, named.description, at);
      this.versions.append(id, named, at);
    })();
    return this.get(id);
  }
}
