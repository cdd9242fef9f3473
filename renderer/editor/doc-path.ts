/**
 * Reading and writing a preset document by path, immutably: an edit returns a new document that shares every
 * untouched branch, so the editor can keep the document as one replace-only value and validation, autosave and
 * undo see whole snapshots. Paths are segment lists; `joinPath` spells them as the validator does
 * (`params.motion_list[1].period_s`), which is how problems find their field.
 */
import { joinPath } from '../../app/presets/problems.ts';

export type Segment = string | number;
export type Path = readonly Segment[];

export const pathText = (path: Path): string => joinPath(path);

export function getAt(doc: unknown, path: Path): unknown {
  let cur: unknown = doc;
  for (const s of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

/** A copy of `doc` with `value` at `path`; `undefined` removes the key (the parameter takes its default). */
export function setAt<T>(doc: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const base: unknown = doc ?? (typeof head === 'number' ? [] : {});
  if (Array.isArray(base)) {
    const copy = base.slice();
    const i = head as number;
    if (rest.length === 0 && value === undefined) copy.splice(i, 1);
    else copy[i] = setAt(copy[i], rest, value);
    return copy as T;
  }
  const copy = { ...(base as Record<string, unknown>) };
  const k = head as string;
  if (rest.length === 0 && value === undefined) delete copy[k];
  else copy[k] = setAt(copy[k], rest, value);
  return copy as T;
}

/** Whether a problem at `problemPath` belongs to the field at `fieldPath` (the field itself or inside it). */
export function belongsTo(problemPath: string, fieldPath: string): boolean {
  return problemPath === fieldPath || problemPath.startsWith(`${fieldPath}.`) || problemPath.startsWith(`${fieldPath}[`);
}
