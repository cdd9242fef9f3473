/**
 * The web-mode server as users start it (its own node process): it prints one address line, answers only requests
 * that carry this run's token through a loopback Host and (when present) our own Origin, and refuses everything
 * else with a bare 403 — page, assets and the API socket alike.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get, openSocket, WireClient } from './http-helpers.ts';
import { startServeProcess, type ServeProcess } from './serve-process.ts';

let server: ServeProcess;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'spikegen-serve-'));
  server = await startServeProcess(dataDir);
  console.log(`# web mode start-up: ${server.startupMs.toFixed(0)} ms from spawning node to the address line`);
});

after(async () => {
  const code = await server?.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  assert.equal(code, 0, `graceful exit on SIGTERM; stderr: ${server?.stderr()}`);
});

const withToken = (path = '/') => `${path}?token=${server.token}`;
const host = () => `127.0.0.1:${server.port}`;

test('serve prints exactly one line, the address with the token', () => {
  assert.equal(server.stdoutLines.length, 1);
  assert.ok(server.token.length >= 22, '≥ 128 bits in base64url');
});

test('the page with the token is served with a strict CSP, nosniff, and an HttpOnly SameSite=Strict cookie', async () => {
  const r = await get({ port: server.port, path: withToken(), headers: { host: host() } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-security-policy'], "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    + `connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  const cookie = String(r.headers['set-cookie']);
  assert.match(cookie, new RegExp(`^spikegen_token=${server.token};`));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  // later requests authenticate with the cookie, or with the header
  assert.equal((await get({ port: server.port, path: '/', headers: { host: host(), cookie: `spikegen_token=${server.token}` } })).status, 200);
  assert.equal((await get({ port: server.port, path: '/', headers: { host: `localhost:${server.port}`, 'x-spikegen-token': server.token } })).status, 200);
});

test('requests without the token, with a wrong token, a foreign Origin or a foreign Host get a bare 403', async () => {
  const cases: [string, { path: string; headers: Record<string, string> }][] = [
    ['no token', { path: '/', headers: { host: host() } }],
    ['wrong token', { path: '/?token=' + 'A'.repeat(server.token.length), headers: { host: host() } }],
    ['short token', { path: '/?token=abc', headers: { host: host() } }],
    ['wrong cookie', { path: '/', headers: { host: host(), cookie: 'spikegen_token=nope' } }],
    ['foreign Origin', { path: withToken(), headers: { host: host(), origin: 'http://evil.example' } }],
    ['Origin of another port', { path: withToken(), headers: { host: host(), origin: `http://127.0.0.1:${server.port + 1}` } }],
    ['foreign Host (DNS rebinding)', { path: withToken(), headers: { host: `evil.example:${server.port}` } }],
    ['Host with another port', { path: withToken(), headers: { host: `127.0.0.1:${server.port + 1}` } }],
    ['asset without token', { path: '/assets/index.js', headers: { host: host() } }],
  ];
  for (const [name, c] of cases) {
    const r = await get({ port: server.port, ...c });
    assert.equal(r.status, 403, name);
    assert.equal(r.body, 'Forbidden', `${name}: no detail leaks`);
  }
  const same = await get({ port: server.port, path: withToken(), headers: { host: host(), origin: `http://${host()}` } });
  assert.equal(same.status, 200, 'our own Origin is fine');
});

test('the API socket refuses an upgrade without the token or from a foreign Origin', async () => {
  const url = `ws://127.0.0.1:${server.port}/api`;
  assert.deepEqual(await openSocket(url), { refused: 403 });
  assert.deepEqual(await openSocket(`${url}?token=wrong`), { refused: 403 });
  assert.deepEqual(await openSocket(`${url}?token=${server.token}`, { origin: 'http://evil.example' }), { refused: 403 });
  assert.deepEqual(await openSocket(`${url}?token=${server.token}`, { host: `evil.example:${server.port}` }), { refused: 403 });
  const ok = await openSocket(url, { origin: `http://${host()}`, cookie: `spikegen_token=${server.token}` });
  assert.ok('ws' in ok, 'the page (same origin, cookie) may connect');
  ok.ws.close();
});

test('malformed API calls get invalid-argument answers and the socket keeps working', async () => {
  const opened = await openSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: `http://${host()}` });
  assert.ok('ws' in opened);
  const c = new WireClient(opened.ws);
  try {
    const unknown = await c.call('spikegen:nothing.here', []);
    assert.deepEqual([unknown.ok, (unknown.error as { kind: string }).kind], [false, 'invalid-argument']);
    const wrongTypes = await c.call('spikegen:presets.get', [42]);
    assert.equal((wrongTypes.error as { kind: string }).kind, 'invalid-argument');
    assert.match((wrongTypes.error as { message: string }).message, /presets\.get/);
    const notAList = await c.call('spikegen:presets.get', 'x');
    assert.equal((notAList.error as { kind: string }).kind, 'invalid-argument');
    for (const raw of ['{not json', '[1,2,3]', '"text"', '{"channel":"spikegen:system.info","args":[]}', 'null']) {
      const r = await c.sendRaw(raw);
      assert.equal((r.error as { kind: string }).kind, 'invalid-argument', raw);
    }
    const binary = await c.sendRaw(Buffer.from([1, 2, 3]), true);
    assert.match((binary.error as { message: string }).message, /binary frames are reserved/);
    const huge = await c.sendRaw('x'.repeat(57 * 1024 * 1024));
    assert.match((huge.error as { message: string }).message, /more than the 56 MB/);
    const info = await c.call('spikegen:system.info', []);
    assert.equal(info.ok, true);
    assert.equal((info.result as { mode: string }).mode, 'web');
  } finally {
    opened.ws.close();
  }
});

test('a frame beyond the socket limit closes only that socket; the server goes on', async () => {
  const opened = await openSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
  assert.ok('ws' in opened);
  const closed = new Promise<number>((resolve) => opened.ws.once('close', (code) => resolve(code)));
  opened.ws.on('error', () => undefined);
  opened.ws.send(Buffer.alloc(65 * 1024 * 1024, 0x20));
  // 1009 "message too big"; 1006 when the server's close frame is lost because it drops the connection while the
  // client is still sending the frame — closed either way
  const code = await closed;
  assert.ok(code === 1009 || code === 1006, `closed with ${code}`);
  const again = await openSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
  assert.ok('ws' in again);
  const c = new WireClient(again.ws);
  assert.equal((await c.call('spikegen:settings.get', [])).ok, true);
  again.ws.close();
});

test('events reach the socket: creating a preset pushes presets.changed', async () => {
  const opened = await openSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
  assert.ok('ws' in opened);
  const c = new WireClient(opened.ws);
  try {
    const doc = { format: 'spikegen-preset', version: 1, name: 'Over the wire', kind: 'drifting', params: { num_units: 3 } };
    const created = await c.call('spikegen:presets.create', [doc]);
    assert.equal(created.ok, true, JSON.stringify(created.error));
    const id = (created.result as { id: string }).id;
    for (let i = 0; i < 50 && !c.events.some((e) => e.event === 'presets.changed'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(c.events.find((e) => e.event === 'presets.changed')?.payload, { id });
  } finally {
    opened.ws.close();
  }
});
