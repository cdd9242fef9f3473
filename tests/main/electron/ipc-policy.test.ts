/** The Electron IPC rules, tested without Electron: who may call, what a call returns, where the window may go. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allChannels, type Api } from '../../../app/api/contract.ts';
import { ApiError } from '../../../app/api/errors.ts';
import { EVENT_NAMES } from '../../../app/api/events.ts';
import { APP_URL, CHANNELS_ARGUMENT, EVENTS_ARGUMENT, handleIpc, isAppUrl, mayNavigate, preloadArguments, type IpcSender } from '../../../main/electron/ipc-policy.ts';
import { MAX_QUEUED, RendererEvents } from '../../../main/electron/renderer-events.ts';

const fakeApi = {
  system: { info: async () => ({ version: '0.1.0', mode: 'electron', dataDir: '/d', cores: 2, namedProbes: [] }) },
  presets: { get: async (id: string) => { throw new ApiError('not-found', `no preset has the id "${id}"`); } },
} as unknown as Api;

const ours: IpcSender = { frameUrl: APP_URL, isOurWindow: true, isMainFrame: true };

test('a call from our window and page is validated and dispatched; errors come back as data', async () => {
  assert.deepEqual(await handleIpc(fakeApi, ours, 'spikegen:system.info', []), { ok: true, result: { version: '0.1.0', mode: 'electron', dataDir: '/d', cores: 2, namedProbes: [] } });
  assert.deepEqual(await handleIpc(fakeApi, { ...ours, frameUrl: 'app://spikegen/viewer/index.html#x' }, 'spikegen:presets.get', ['p']), { ok: false, error: { kind: 'not-found', message: 'no preset has the id "p"' } });
  const bad = await handleIpc(fakeApi, ours, 'spikegen:presets.get', [{}]);
  assert.equal(bad.ok === false && bad.error.kind, 'invalid-argument');
  const unknown = await handleIpc(fakeApi, ours, 'spikegen:shell.exec', ['rm -rf /']);
  assert.equal(unknown.ok === false && unknown.error.kind, 'invalid-argument');
});

test('calls from another window, a sub-frame, or a page not of our app are refused as forbidden', async () => {
  const senders: IpcSender[] = [
    { ...ours, isOurWindow: false },
    { ...ours, isMainFrame: false },
    { ...ours, frameUrl: 'https://evil.example/' },
    { ...ours, frameUrl: 'file:///etc/passwd' },
    { ...ours, frameUrl: 'app://other/index.html' },
    { ...ours, frameUrl: 'app://user:pw@spikegen/index.html' },
    { ...ours, frameUrl: null },
    { ...ours, frameUrl: 'not a url' },
  ];
  for (const s of senders) {
    const r = await handleIpc(fakeApi, s, 'spikegen:system.info', []);
    assert.equal(r.ok === false && r.error.kind, 'forbidden', JSON.stringify(s));
  }
});

test('the window navigates only within our app', () => {
  assert.ok(mayNavigate(APP_URL));
  assert.ok(isAppUrl('app://spikegen/'));
  for (const url of ['https://example.com/', 'http://127.0.0.1:3000/', 'file:///tmp/x.html', 'javascript:alert(1)', 'app://spikegen.evil/']) assert.equal(mayNavigate(url), false, url);
});

test('the preload is told every channel of the contract and every event, and nothing else', () => {
  const [channels, events] = preloadArguments();
  assert.deepEqual(channels.slice(CHANNELS_ARGUMENT.length).split(','), allChannels());
  assert.deepEqual(events.slice(EVENTS_ARGUMENT.length).split(','), [...EVENT_NAMES]);
});

test('events wait until the page says it is ready, and again while it reloads', () => {
  const sent: string[] = [];
  const q = new RendererEvents((m) => sent.push(m.event));
  q.push('jobs.changed', {});
  q.push('presets.changed', {});
  assert.deepEqual(sent, []);
  q.markReady();
  assert.deepEqual(sent, ['jobs.changed', 'presets.changed']);
  q.push('datasets.changed', {});
  assert.equal(sent.length, 3);
  q.markLoading();
  for (let i = 0; i < MAX_QUEUED + 10; i++) q.push('jobs.changed', i);
  assert.equal(sent.length, 3);
  q.markReady();
  assert.equal(sent.length, 3 + MAX_QUEUED, 'keeps the latest events only');
});
