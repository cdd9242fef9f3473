// Failure paths of the template-database client: each gives one clear sentence and leaves the cache consistent
// (nothing of the failed operation is cached; what was cached before stays valid).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateCache } from '../../../app/hybrid/template-database-cache.ts';
import { TemplateDatabaseClient } from '../../../app/hybrid/template-database.ts';
import type { TemplateDatabaseError } from '../../../app/hybrid/template-database-errors.ts';
import { DATASET_A, startDbServer, type DbServer } from './template-db-server.ts';

const tmp = mkdtempSync(join(tmpdir(), 'spikegen-tdbf-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const CHUNK5 = `${DATASET_A}/templates_array/5.0.0`;

async function withServer(fn: (s: DbServer, cacheFolder: string) => Promise<void>): Promise<void> {
  const server = await startDbServer();
  try {
    await fn(server, join(tmp, `c${n++}`));
  } finally {
    await server.close();
  }
}

const kind = (k: string, re: RegExp) => (e: unknown) => {
  const err = e as TemplateDatabaseError;
  assert.equal(err.name, 'TemplateDatabaseError', String(e));
  assert.equal(err.kind, k, err.message);
  assert.match(err.message, re);
  return true;
};

/** The cache holds only complete entries: every manifest entry has its file with the recorded hash. */
async function cacheKeys(folder: string): Promise<string[]> {
  const cache = new TemplateCache(folder);
  const keys = Object.keys(await cache.entries());
  for (const k of keys) assert.ok(await cache.read(k), `cached entry ${k} is intact`);
  if (existsSync(folder)) {
    const leftovers = readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
    assert.deepEqual(leftovers, [], 'no half-written temporary files');
  }
  return keys.sort();
}

test('a chunk damaged in transit (MD5 ≠ ETag) is refused and nothing is cached', () => withServer(async (server, cacheFolder) => {
  server.misbehave.set(CHUNK5, { kind: 'flip-bytes' });
  const client = new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder });
  await assert.rejects(client.fetchTemplateObject(DATASET_A, { unitIndices: [1, 5] }),
    kind('corrupt', /^Chunk templates_array\/5\.0\.0 of dataset .* arrived damaged: its MD5 .* does not match the server's ETag .*; it was refused and not cached\.$/));
  assert.deepEqual(await cacheKeys(cacheFolder), []);
  server.misbehave.clear();
  await client.fetchTemplateObject(DATASET_A, { unitIndices: [1, 5] });
  assert.ok((await cacheKeys(cacheFolder)).includes(CHUNK5));
}));

test('a truncated chunk without ETag is caught by the Blosc header check', () => withServer(async (server, cacheFolder) => {
  server.misbehave.set(CHUNK5, { kind: 'truncate' });
  const client = new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder });
  await assert.rejects(client.fetchTemplateObject(DATASET_A, { unitIndices: [5] }),
    kind('corrupt', /chunk templates_array\/5\.0\.0 of dataset .* is corrupt \(the Blosc header announces \d+ bytes but \d+ arrived\); it was refused and not cached\./));
  assert.deepEqual(await cacheKeys(cacheFolder), []);
}));

test('HTTP 404: an unknown dataset, a missing templates.csv, a missing chunk', () => withServer(async (server) => {
  const client = new TemplateDatabaseClient({ baseUrl: server.url });
  await assert.rejects(client.fetchTemplateObject('nope.zarr'), kind('not-found', /^Dataset nope\.zarr is not in the template database at http:\/\/127\.0\.0\.1:\d+\/ \(HTTP 404 for its \.zmetadata\)\.$/));
  await assert.rejects(new TemplateDatabaseClient({ baseUrl: `${server.url}elsewhere/` }).fetchTemplatesInfo(), kind('not-found', /has no templates\.csv \(HTTP 404\): check the database URL/));
  server.misbehave.set(CHUNK5, { kind: 'status', status: 404 });
  await assert.rejects(client.fetchTemplateObject(DATASET_A, { unitIndices: [5] }), kind('not-found', /^The server has no chunk templates_array\/5\.0\.0 of dataset .* \(HTTP 404\)/));
}));

test('HTTP 500 is reported with its status', () => withServer(async (server, cacheFolder) => {
  server.misbehave.set(`${DATASET_A}/.zmetadata`, { kind: 'status', status: 500 });
  const client = new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder });
  await assert.rejects(client.fetchTemplateObject(DATASET_A), kind('http', /^The template database answered HTTP 500 \(Internal Server Error\) for \.zmetadata of dataset /));
  assert.deepEqual(await cacheKeys(cacheFolder), []);
}));

test('a server that never answers times out', () => withServer(async (server, cacheFolder) => {
  server.misbehave.set(CHUNK5, { kind: 'hang' });
  const client = new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder, timeoutMs: 300 });
  const t0 = performance.now();
  await assert.rejects(client.fetchTemplateObject(DATASET_A, { unitIndices: [0, 5] }),
    kind('timeout', /^Timed out after 0\.3 s waiting for chunk templates_array\/5\.0\.0 of dataset .*; the server is slow or unreachable, try again later\.$/));
  assert.ok(performance.now() - t0 < 5000);
  assert.deepEqual(await cacheKeys(cacheFolder), [], 'chunk 0 and the metadata of the failed query are not cached either');
}));

test('the caller can cancel with an AbortSignal', () => withServer(async (server) => {
  server.misbehave.set(CHUNK5, { kind: 'hang' });
  const client = new TemplateDatabaseClient({ baseUrl: server.url, timeoutMs: 60_000 });
  const ctrl = new AbortController();
  setTimeout(() => ctrl.abort(), 100);
  await assert.rejects(client.fetchTemplateObject(DATASET_A, { unitIndices: [5], signal: ctrl.signal }), kind('aborted', /was cancelled/));
}));

test('a connection closed mid-body is a partial download; a retry succeeds', () => withServer(async (server, cacheFolder) => {
  server.misbehave.set(CHUNK5, { kind: 'close-mid-body' });
  const client = new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder });
  await assert.rejects(client.fetchTemplateObject(DATASET_A, { unitIndices: [5] }),
    kind('partial', /^The download of chunk templates_array\/5\.0\.0 of dataset .* stopped after \d+ of \d+ bytes.*nothing was cached, try again\.$/));
  assert.deepEqual(await cacheKeys(cacheFolder), []);
  server.misbehave.clear();
  const t = await client.fetchTemplateObject(DATASET_A, { unitIndices: [5] });
  assert.equal(t.numUnits, 1);
  assert.ok((await cacheKeys(cacheFolder)).includes(CHUNK5));
}));

test('an unreachable host is a network error; templates.csv then falls back to the cached copy', async () => {
  const cacheFolder = join(tmp, 'net');
  const server = await startDbServer();
  await new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder }).fetchTemplatesInfo();
  await server.close();
  await assert.rejects(new TemplateDatabaseClient({ baseUrl: server.url }).fetchTemplatesInfo(),
    kind('network', /^Could not reach the template database \(connection refused, ECONNREFUSED\) while downloading templates\.csv from http:\/\/127\.0\.0\.1:\d+\/templates\.csv; check the network connection\.$/));
  const info = await new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder }).fetchTemplatesInfo();
  assert.equal(info.fromCache, true);
});

test('a damaged cache file is dropped and downloaded again; a broken manifest starts an empty cache', () => withServer(async (server, cacheFolder) => {
  const client = new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder });
  const first = await client.fetchTemplateObject(DATASET_A, { unitIndices: [5] });
  const cache = new TemplateCache(cacheFolder);
  writeFileSync(cache.filePath(CHUNK5), 'garbage');
  server.requests.length = 0;
  const second = await new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder }).fetchTemplateObject(DATASET_A, { unitIndices: [5] });
  assert.deepEqual(second.templatesArray, first.templatesArray);
  assert.deepEqual(server.requests, [`${DATASET_A}/templates_array/5.0.0`]);
  assert.ok((await cacheKeys(cacheFolder)).includes(CHUNK5));
  writeFileSync(cache.manifestPath, '{"format": "spikegen-template-cache", "vers');
  assert.deepEqual(await cacheKeys(cacheFolder), []);
  await new TemplateDatabaseClient({ baseUrl: server.url, cacheFolder }).fetchTemplateObject(DATASET_A, { unitIndices: [5] });
  assert.ok(JSON.parse(readFileSync(cache.manifestPath, 'utf8')).entries[CHUNK5]);
}));
