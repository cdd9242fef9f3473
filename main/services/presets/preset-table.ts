/** The rows of the presets table (one per preset, its latest name and description) and the trash. */
import type { SqliteDatabase, Statement } from './sqlite.ts';
import type { PresetRecord, PresetSummary, PresetVersion, TrashEntry } from './types.ts';

export interface PresetRow {
  id: string;
  name: string;
  description: string;
  created: string;
  updated: string;
  deleted_at: string | null;
}

export class PresetTable {
  private readonly byId: Statement<PresetRow>;
  private readonly liveRows: Statement<PresetRow & { valid: number }>;
  private readonly insertRow: Statement;
  private readonly updateRow: Statement;
  private readonly deleteSoft: Statement;
  private readonly undelete: Statement;
  private readonly trashRows: Statement<{ id: string; name: string; deleted_at: string }>;
  private readonly purgeRows: Statement;

  constructor(db: SqliteDatabase) {
    this.byId = db.prepare('SELECT id, name, description, created, updated, deleted_at FROM presets WHERE id = ?');
    this.liveRows = db.prepare(`
      SELECT p.id, p.name, p.description, p.created, p.updated, p.deleted_at, v.valid
      FROM presets p JOIN preset_versions v ON v.id = (SELECT max(id) FROM preset_versions WHERE preset_id = p.id)
      WHERE p.deleted_at IS NULL ORDER BY p.updated DESC, v.id DESC`);
    this.insertRow = db.prepare('INSERT INTO presets (id, name, description, created, updated) VALUES (?, ?, ?, ?, ?)');
    this.updateRow = db.prepare('UPDATE presets SET name = ?, description = ?, updated = ? WHERE id = ?');
    this.deleteSoft = db.prepare('UPDATE presets SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
    this.undelete = db.prepare('UPDATE presets SET deleted_at = NULL, name = ? WHERE id = ?');
    this.trashRows = db.prepare('SELECT id, name, deleted_at FROM presets WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC');
    this.purgeRows = db.prepare('DELETE FROM presets WHERE deleted_at IS NOT NULL AND deleted_at <= ?');
  }

  row(id: string): PresetRow | undefined {
    return this.byId.get(id);
  }

  /** presets not in the trash, most recently changed first */
  live(): PresetSummary[] {
    return this.liveRows.all().map((r) => ({
      id: r.id, name: r.name, description: r.description, builtin: false, created: r.created, updated: r.updated, valid: r.valid === 1,
    }));
  }

  insert(id: string, name: string, description: string, at: string): void {
    this.insertRow.run(id, name, description, at, at);
  }

  update(id: string, name: string, description: string, at: string): void {
    this.updateRow.run(name, description, at, id);
  }

  softDelete(id: string, at: string): void {
    this.deleteSoft.run(at, id);
  }

  restore(id: string, name: string): void {
    this.undelete.run(name, id);
  }

  trash(): TrashEntry[] {
    return this.trashRows.all().map((r) => ({ id: r.id, name: r.name, deletedAt: r.deleted_at }));
  }

  /** Deletes for good, with their versions (ON DELETE CASCADE), the presets removed at or before `before`. */
  purge(before: string): number {
    return this.purgeRows.run(before).changes;
  }
}

/** A preset's row with its latest version, as the service hands it out. */
export function toRecord(row: PresetRow, latest: PresetVersion): PresetRecord {
  return {
    id: row.id, name: row.name, description: row.description, builtin: false, created: row.created, updated: row.updated,
    valid: latest.valid, document: latest.document, versionId: latest.versionId, problems: latest.problems,
  };
}
