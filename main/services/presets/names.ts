/**
 * Preset names are unique among the presets not in the trash and the built-ins, ignoring case, so that a name in a
 * list, a job or a dataset's provenance means one preset. Where the app chooses the name (create, import, duplicate,
 * undo of a removal) a taken name gets a number, "Name (2)"; where the user types it (rename) a taken name is
 * refused; an autosaved document whose name is taken is kept as a draft with a problem on `name`.
 */
import { BUILTIN_PRESETS } from '../../../app/presets/builtins.ts';
import type { Problem } from '../../../app/presets/index.ts';
import type { SqliteDatabase, Statement } from './sqlite.ts';

export class PresetNames {
  private readonly takenBy: Statement<{ id: string }>;

  constructor(db: SqliteDatabase) {
    this.takenBy = db.prepare('SELECT id FROM presets WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL AND id <> ?');
  }

  /** whether a preset other than `exceptId` has this name */
  isTaken(name: string, exceptId = ''): boolean {
    const lower = name.toLowerCase();
    return BUILTIN_PRESETS.some((b) => b.document.name.toLowerCase() === lower) || this.takenBy.get(name, exceptId) !== undefined;
  }

  /** `name` itself when free, else "name (2)", "name (3)"... */
  unique(name: string, exceptId = ''): string {
    const base = name.replace(/ \(\d+\)$/, '');
    let candidate = name;
    for (let n = 2; this.isTaken(candidate, exceptId); n++) candidate = `${base} (${n})`;
    return candidate;
  }

  takenProblem(name: string): Problem {
    return { path: 'name', message: `another preset is already named "${name}": choose another name` };
  }
}
