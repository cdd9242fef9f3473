/**
 * Where a job writes when the user gives no folder: `<datasets folder>/<preset name>-<date>-<time>`, with the name
 * made safe for every file system and a number added when that folder is already taken (by a dataset or by a job
 * still in the queue).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { partialPath } from '../../../app/formats/atomic-folder.ts';

export function safeFolderName(name: string): string {
  // characters Windows, macOS or Linux refuse or that shells trip on become '-'
  const safe = name.normalize('NFC').replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '-').replace(/\s+/g, '_').replace(/^[.\-_]+|[.\-_]+$/g, '');
  return safe.slice(0, 80) || 'dataset';
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export function defaultDatasetFolder(datasetsFolder: string, presetName: string, now: Date, taken: (path: string) => boolean): string {
  const base = join(datasetsFolder, `${safeFolderName(presetName)}-${stamp(now)}`);
  const free = (p: string) => !existsSync(p) && !existsSync(partialPath(p)) && !taken(p);
  if (free(base)) return base;
  for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`;
}
