/**
 * The versions of a preset (table preset_versions): every saved state of its document, oldest first by id. A new
 * version is written only when the document differs from the latest one by content (canonical JSON), so an
 * autosave every few seconds of an unchanged editor writes nothing. Restoring an old version appends it as the
 * newest, so history only grows and nothing is lost.
 */
import type { Problem } from '../../../app/presets/index.ts';
import { canonicalJson, type CheckedDocument } from './documents.ts';
import type { SqliteDatabase, Statement } from './sqlite.ts';
import type { PresetVersion, PresetVersionInfo } from './types.ts';

interface VersionRow {
  id: number;
  saved_at: string;
  document: string;
  valid: number;
  problems: string;
}

export class PresetHistory {
  private readonly latestRow: Statement<VersionRow>;
  private readonly oneRow: Statement<VersionRow>;
  private readonly allRows: Statement<VersionRow>;
  private readonly insert: Statement;

  constructor(db: SqliteDatabase) {
    const columns = 'id, saved_at, document, valid, problems';
    this.latestRow = db.prepare(`SELECT ${columns} FROM preset_versions WHERE preset_id = ? ORDER BY id DESC LIMIT 1`);
    this.oneRow = db.prepare(`SELECT ${columns} FROM preset_versions WHERE preset_id = ? AND id = ?`);
    this.allRows = db.prepare(`SELECT ${columns} FROM preset_versions WHERE preset_id = ? ORDER BY id DESC`);
    this.insert = db.prepare('INSERT INTO preset_versions (preset_id, saved_at, document, valid, problems) VALUES (?, ?, ?, ?, ?)');
  }

  latest(presetId: string): PresetVersion | undefined {
    const row = this.latestRow.get(presetId);
    return row && toVersion(row);
  }

  get(presetId: string, versionId: number): PresetVersion | undefined {
    const row = this.oneRow.get(presetId, versionId);
    return row && toVersion(row);
  }

  /** newest first, without the documents */
  list(presetId: string): PresetVersionInfo[] {
    return this.allRows.all(presetId).map((row) => {
      const { document: _document, ...info } = toVersion(row);
      return info;
    });
  }

  /** Appends the document unless it equals the latest version; returns whether it wrote. */
  append(presetId: string, checked: CheckedDocument, savedAt: string): boolean {
    const latest = this.latestRow.get(presetId);
    if (latest && canonicalJson(JSON.parse(latest.document)) === canonicalJson(checked.document)
      && latest.valid === Number(checked.valid)) return false;
    this.insert.run(presetId, savedAt, JSON.stringify(checked.document), Number(checked.valid), JSON.stringify(checked.problems));
    return true;
  }
}

function toVersion(row: VersionRow): PresetVersion {
  const document = JSON.parse(row.document) as unknown;
  const name = typeof (document as { name?: unknown }).name === 'string' ? (document as { name: string }).name : '';
  return {
    versionId: row.id, savedAt: row.saved_at, valid: row.valid === 1,
    problems: JSON.parse(row.problems) as Problem[], name, document,
  };
}
