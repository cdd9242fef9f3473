/**
 * Node side of the probeinterface library (app/probes/library.ts): downloads over HTTPS with the global
 * `fetch` and a timeout, and an on-disk cache laid out as probeinterface's own
 * (`~/.config/probeinterface/library/{tag}/{manufacturer}/{probe_name}.json`, library.py `get_cache_folder`),
 * so probes cached by Python are found here and the other way round. A cache file is written to a temporary
 * name and renamed into place, so a crash or a full disk never leaves a half-written probe behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { PROBE_LIBRARY_URL, type LibraryOptions, type ProbeCache, type ProbeLibrarySource } from '../probes/library.ts';

/** probeinterface's cache folder (library.py `get_cache_folder`). */
export function defaultProbeLibraryCacheFolder(): string {
  return resolve(homedir(), '.config', 'probeinterface', 'library');
}

export interface HttpSourceOptions {
  /** library root, ending with "/"; default the probeinterface_library repository on raw.githubusercontent.com */
  baseUrl?: string;
  /** whole-download time limit; default 30 s */
  timeoutMs?: number;
}

/** Fetches library files over HTTP(S); every failure becomes one sentence naming the URL. */
export class HttpProbeLibrarySource implements ProbeLibrarySource {
  readonly baseUrl: string;
  readonly timeoutMs: number;

  constructor(options: HttpSourceOptions = {}) {
    const base = options.baseUrl ?? PROBE_LIBRARY_URL;
    this.baseUrl = base.endsWith('/') ? base : `${base}/`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async fetchText(path: string, signal?: AbortSignal): Promise<string> {
    const url = new URL(path.split('/').map(encodeURIComponent).join('/'), this.baseUrl).href;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await fetch(url, { signal: combined, redirect: 'follow' });
      if (res.status === 404) {
        await res.body?.cancel();
        throw new Error(`The probeinterface library has no file at ${url} (HTTP 404); check the manufacturer and probe name.`);
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new Error(`The probeinterface library answered HTTP ${res.status} ${res.statusText} for ${url}.`);
      }
      return await res.text();
    } catch (e) {
      if (signal?.aborted) throw new Error(`The download of ${url} was cancelled.`);
      if (timeout.aborted) throw new Error(`The download of ${url} did not finish within ${this.timeoutMs / 1000} s.`);
      if (e instanceof Error && e.message.includes(url)) throw e;
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      throw new Error(`Could not reach ${url} (${cause}); check the network connection.`);
    }
  }
}

/** Library files on disk under `folder`, keyed by relative path; writes are atomic (temp file + rename). */
export class DiskProbeCache implements ProbeCache {
  readonly folder: string;

  constructor(folder: string = defaultProbeLibraryCacheFolder()) {
    this.folder = resolve(folder);
  }

  /** The file of `key`, refusing keys that would leave the cache folder. */
  fileOf(key: string): string {
    const file = resolve(this.folder, key);
    const rel = relative(this.folder, file);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`The cache key '${key}' points outside the probe cache.`);
    return file;
  }

  async get(key: string): Promise<string | undefined> {
    const file = this.fileOf(key);
    try {
      return await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Could not read the cached probe file ${file} (${(e as Error).message}).`);
    }
  }

  async put(key: string, text: string): Promise<void> {
    const file = this.fileOf(key);
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw new Error(`Could not store the probe file in the cache at ${file} (${(e as Error).message}).`);
    }
  }
}

/** Library options using the HTTP source and the disk cache, for `getLibraryProbe` / `makeProbeByName`. */
export function nodeProbeLibrary(options: HttpSourceOptions & { cacheFolder?: string; offline?: boolean } = {}): LibraryOptions {
  return {
    source: options.offline ? undefined : new HttpProbeLibrarySource(options),
    cache: new DiskProbeCache(options.cacheFolder),
  };
}
