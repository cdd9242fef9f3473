/**
 * Probes from the probeinterface library (library.py `get_probe`): one probeinterface JSON file per probe at
 * `{tag}/{manufacturer}/{probe_name}/{probe_name}.json` of github.com/SpikeInterface/probeinterface_library,
 * cached as `{tag}/{manufacturer}/{probe_name}.json` (probeinterface's cache layout). The cache is read first,
 * as get_probe does unless force_download; a download is checked before it is cached, so a broken file is
 * never stored. Transport and storage are interfaces: app/ stays pure, app/formats/probe-library-cache.ts
 * implements them with HTTPS and the disk.
 */
import type { Probe } from './probe.ts';
import { ProbeJsonError, readProbeinterfaceJson } from './probeinterface-json.ts';

/** Fetches a library file by its path relative to the library root; rejects with a sentence on failure. */
export interface ProbeLibrarySource {
  fetchText(path: string, signal?: AbortSignal): Promise<string>;
}

/** Stores library files by key; `get` resolves undefined when the key is absent. */
export interface ProbeCache {
  get(key: string): Promise<string | undefined>;
  put(key: string, text: string): Promise<void>;
}

export interface LibraryOptions {
  source?: ProbeLibrarySource;
  cache?: ProbeCache;
  /** library tag (git ref); default "main" */
  tag?: string;
  /** skip the cache lookup and download again (a cached copy is still used if the download fails) */
  forceDownload?: boolean;
  /** sets the probe's `name` annotation, like get_probe's `name` */
  name?: string;
  signal?: AbortSignal;
}

/** Where library.py downloads from. */
export const PROBE_LIBRARY_URL = 'https://raw.githubusercontent.com/SpikeInterface/probeinterface_library/';

/** An error of the library lookup; the message is a sentence for the user. */
export class ProbeLibraryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeLibraryError';
  }
}

function checkSegment(what: string, value: string): void {
  if (!value || /[/\\]/.test(value) || value === '.' || value === '..' || value.trim() !== value) {
    throw new ProbeLibraryError(`The ${what} '${value}' is not a valid library name (no slashes, dots-only or spaces at the ends).`);
  }
}

/** Path of a probe file inside the library repository (library.py `download_probeinterface_file`). */
export function libraryRemotePath(manufacturer: string, probeName: string, tag = 'main'): string {
  return `${tag}/${manufacturer}/${probeName}/${probeName}.json`;
}

/** Key of a probe file in the cache (library.py cache layout: tag/manufacturer/probe_name.json). */
export function libraryCacheKey(manufacturer: string, probeName: string, tag = 'main'): string {
  return `${tag}/${manufacturer}/${probeName}.json`;
}

function parse(text: string): Probe | ProbeJsonError {
  try {
    const group = readProbeinterfaceJson(text);
    return group.probes[0];
  } catch (e) {
    if (e instanceof ProbeJsonError) return e;
    throw e;
  }
}

/** probeinterface `get_probe(manufacturer, probe_name, name, tag, force_download)`. */
export async function getLibraryProbe(manufacturer: string, probeName: string, options: LibraryOptions = {}): Promise<Probe> {
  const tag = options.tag ?? 'main';
  checkSegment('manufacturer', manufacturer);
  checkSegment('probe name', probeName);
  checkSegment('tag', tag);
  const label = `${manufacturer}/${probeName}`;
  const key = libraryCacheKey(manufacturer, probeName, tag);

  let cached: Probe | undefined;
  if (options.cache) {
    const text = await options.cache.get(key);
    // a cached file that no longer reads is treated as absent and replaced by a fresh download
    const p = text === undefined ? undefined : parse(text);
    if (p !== undefined && !(p instanceof ProbeJsonError)) cached = p;
  }
  let probe = options.forceDownload ? undefined : cached;
  if (!probe) {
    if (!options.source) {
      throw new ProbeLibraryError(`Probe ${label} is not in the probe cache and no library source was given (offline).`);
    }
    let text: string;
    try {
      text = await options.source.fetchText(libraryRemotePath(manufacturer, probeName, tag), options.signal);
    } catch (e) {
      if (cached) return finish(cached, manufacturer, options.name); // offline: keep the copy we have
      throw new ProbeLibraryError(`Could not get probe ${label} from the probeinterface library, and it is not cached: ${(e as Error).message}`);
    }
    const parsed = parse(text);
    if (parsed instanceof ProbeJsonError) {
      throw new ProbeLibraryError(`The probeinterface library file of ${label} is not a valid probe file, so it was not cached: ${parsed.problems.join(' ')}`);
    }
    if (options.cache) await options.cache.put(key, text);
    probe = parsed;
  }
  return finish(probe, manufacturer, options.name);
}

/** get_probe's last steps: fill an empty manufacturer, apply the requested name. */
function finish(probe: Probe, manufacturer: string, name: string | undefined): Probe {
  if (probe.annotations.manufacturer === '') probe.annotate({ manufacturer });
  if (name !== undefined) probe.annotate({ name });
  return probe;
}
