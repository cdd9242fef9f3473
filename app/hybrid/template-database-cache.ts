/**
 * The on-disk cache of template-database objects (templates.csv, each dataset's .zmetadata, the chunks of the
 * chosen templates). Layout: `<folder>/files/<key>` holds the bytes, `<folder>/manifest.json` lists every complete
 * entry with its size and SHA-256. An entry exists only once it is in the manifest, and it enters the manifest only
 * after its file was written to a temporary name, flushed and renamed: a crash or a failed download never leaves a
 * half-written entry. Entries are checked against the manifest on every read; a damaged file is dropped (and
 * downloaded again when the network is available). SpikeInterface itself has no cache (it re-reads S3 each session
 * behind functools.cache); this is what lets a hybrid recording be regenerated offline.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TemplateDatabaseError } from './template-database-errors.ts';

export interface CacheEntry { size: number; sha256: string; savedAt: string }
interface Manifest { format: 'spikegen-template-cache'; version: 1; entries: Record<string, CacheEntry> }

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Keys are '/'-separated paths relative to the database root; no absolute paths, no '..'. */
export function checkCacheKey(key: string): void {
  const parts = key.split('/');
  if (key === '' || parts.some((p) => p === '' || p === '.' || p === '..' || /[\\:\0]/.test(p))) {
    throw new TemplateDatabaseError('invalid', `"${key}" is not a valid template-database path.`);
  }
}

async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomUUID()}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export class TemplateCache {
  #manifest: Manifest | null = null;
  /** serialises manifest updates of this process */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly folder: string) {}

  get manifestPath(): string { return join(this.folder, 'manifest.json'); }
  filePath(key: string): string { checkCacheKey(key); return join(this.folder, 'files', ...key.split('/')); }

  async #load(): Promise<Manifest> {
    if (this.#manifest) return this.#manifest;
    let m: Manifest = { format: 'spikegen-template-cache', version: 1, entries: {} };
    try {
      const parsed = JSON.parse(await readFile(this.manifestPath, 'utf8')) as Partial<Manifest>;
      if (parsed.format === m.format && parsed.version === 1 && parsed.entries && typeof parsed.entries === 'object') m = parsed as Manifest;
    } catch {
      // no manifest yet, or an unreadable one: start empty; files not listed are ignored and overwritten
    }
    this.#manifest = m;
    return m;
  }

  /** Forgets the in-memory manifest (another process may have written the folder). */
  reload(): void { this.#manifest = null; }

  async entries(): Promise<Readonly<Record<string, CacheEntry>>> { return { ...(await this.#load()).entries }; }

  async has(key: string): Promise<boolean> { return (await this.#load()).entries[key] !== undefined; }

  /** The cached bytes, or undefined when absent or damaged (a damaged entry is removed). */
  async read(key: string): Promise<Uint8Array | undefined> {
    const entry = (await this.#load()).entries[key];
    if (!entry) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(this.filePath(key)));
    } catch {
      await this.#drop([key]);
      return undefined;
    }
    if (bytes.length !== entry.size || sha256(bytes) !== entry.sha256) {
      await this.#drop([key]);
      return undefined;
    }
    return bytes;
  }

  /** Stores every object of one successful operation: files first, then one manifest update. */
  async commit(objects: ReadonlyMap<string, Uint8Array>): Promise<void> {
    if (objects.size === 0) return;
    for (const key of objects.keys()) checkCacheKey(key);
    await this.#serial(async () => {
      const m = await this.#load();
      const added: Record<string, CacheEntry> = {};
      for (const [key, bytes] of objects) {
        await writeAtomic(this.filePath(key), bytes);
        added[key] = { size: bytes.length, sha256: sha256(bytes), savedAt: new Date().toISOString() };
      }
      const next: Manifest = { ...m, entries: { ...m.entries, ...added } };
      await writeAtomic(this.manifestPath, JSON.stringify(next, null, 1));
      this.#manifest = next;
    });
  }

  /** Removes entries (their files too). */
  async remove(keys: readonly string[]): Promise<void> { await this.#drop(keys); }

  async #drop(keys: readonly string[]): Promise<void> {
    await this.#serial(async () => {
      const m = await this.#load();
      const entries = { ...m.entries };
      for (const k of keys) delete entries[k];
      const next: Manifest = { ...m, entries };
      await writeAtomic(this.manifestPath, JSON.stringify(next, null, 1));
      this.#manifest = next;
      for (const k of keys) await rm(this.filePath(k), { force: true });
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
