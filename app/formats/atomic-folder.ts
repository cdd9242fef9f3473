/**
 * Folders that appear complete or not at all: everything is written into `<target>.partial/` and the folder is
 * renamed to `<target>` only after every file is flushed. A crash leaves only a `.partial` folder behind.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fsErrorSentence, withFsErrors } from './fs-errors.ts';

export class FolderExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists and is not empty: choose another output folder, or pass --overwrite to replace it`);
    this.name = 'FolderExistsError';
  }
}

/** Writes bytes and flushes them to disk before returning. */
export function writeFileSynced(path: string, data: Uint8Array | string): void {
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates the folder that will hold `target`, level by level (Node's recursive mkdir can spin forever on special
 * file systems such as /proc, where mkdir keeps answering ENOENT), or says in a sentence why it cannot.
 */
export function ensureParentFolder(target: string): void {
  const parent = dirname(target.replace(/[\\/]+$/, '')) || '.';
  const missing: string[] = [];
  let dir = parent;
  for (; !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.unshift(dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw fsErrorSentence('create the folder for', target, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
  }
  for (const dir of missing) withFsErrors('create the folder for', target, () => mkdirSync(dir));
}

export function partialPath(target: string): string {
  return target.replace(/[\\/]+$/, '') + '.partial';
}

/** Creates a fresh `<target>.partial/` (removing a stale one) after checking that `<target>` may be written. */
export function beginAtomicFolder(target: string, overwrite: boolean): string {
  if (existsSync(target) && readdirSync(target).length > 0 && !overwrite) throw new FolderExistsError(target);
  ensureParentFolder(target);
  const partial = partialPath(target);
  rmSync(partial, { recursive: true, force: true });
  withFsErrors('create', partial, () => mkdirSync(partial));
  return partial;
}

function fsyncDir(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch {
    // directories cannot be opened for fsync on every platform (Windows); the rename is still atomic there
  }
}

/** Flushes every file and folder below `dir` to disk (data written by workers with positional writes included). */
export function fsyncTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) fsyncTree(full);
    else {
      const fd = openSync(full, 'r');
      try { fsyncSync(fd); } finally { closeSync(fd); }
    }
  }
  fsyncDir(dir);
}

/**
 * Renames the finished `<target>.partial/` to `<target>` (replacing an old one when allowed), after flushing
 * everything in it: a folder that has its final name is complete on disk, even after a power cut.
 */
export function commitAtomicFolder(target: string): void {
  const partial = partialPath(target);
  fsyncTree(partial);
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
  fsyncDir(dirname(target) || '.');
}

export function abandonAtomicFolder(target: string): void {
  rmSync(partialPath(target), { recursive: true, force: true });
}

export function subdir(root: string, ...parts: string[]): string {
  const p = join(root, ...parts);
  mkdirSync(p, { recursive: true });
  return p;
}
