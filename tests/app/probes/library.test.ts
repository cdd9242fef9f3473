// The pure library lookup (get_probe) with in-memory source and cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getLibraryProbe, getNamedProbe, libraryCacheKey, libraryRemotePath, stringifyProbeinterfaceJson,
  type ProbeCache, type ProbeLibrarySource,
} from '../../../app/probes/index.ts';

class MemoryCache implements ProbeCache {
  readonly files = new Map<string, string>();
  async get(key: string) { return this.files.get(key); }
  async put(key: string, text: string) { this.files.set(key, text); }
}

function source(files: Record<string, string>, log: string[]): ProbeLibrarySource {
  return {
    async fetchText(path: string) {
      log.push(path);
      const text = files[path];
      if (text === undefined) throw new Error(`no file ${path}.`);
      return text;
    },
  };
}

test('paths follow probeinterface: remote tag/manufacturer/name/name.json, cache tag/manufacturer/name.json', () => {
  assert.equal(libraryRemotePath('imec', 'NP1000'), 'main/imec/NP1000/NP1000.json');
  assert.equal(libraryCacheKey('imec', 'NP1000', 'v0.1'), 'v0.1/imec/NP1000.json');
});

test('cache first, then source; the downloaded text is cached as is', async () => {
  const text = stringifyProbeinterfaceJson(getNamedProbe('tetrode'));
  const log: string[] = [];
  const cache = new MemoryCache();
  const src = source({ 'v1/x/T/T.json': text }, log);
  const p = await getLibraryProbe('x', 'T', { source: src, cache, tag: 'v1' });
  assert.equal(p.getContactCount(), 4);
  assert.equal(p.manufacturer, undefined); // only an empty-string manufacturer is filled, as get_probe does
  assert.equal(cache.files.get('v1/x/T.json'), text);
  await getLibraryProbe('x', 'T', { source: src, cache, tag: 'v1' });
  assert.deepEqual(log, ['v1/x/T/T.json']);
});

test('source failures are wrapped in one sentence', async () => {
  await assert.rejects(getLibraryProbe('x', 'missing', { source: source({}, []) }),
    /^ProbeLibraryError: Could not get probe x\/missing from the probeinterface library, and it is not cached: no file main\/x\/missing\/missing\.json\.$/);
  await assert.rejects(getLibraryProbe('', 'T', {}), /manufacturer '' is not a valid library name/);
});
