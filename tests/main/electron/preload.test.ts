/**
 * The sandboxed preload (main/electron/preload.cjs) run in a vm with a fake 'electron' module: it exposes
 * `window.spikegen`, lets only the contract's channels and events through, unwraps answers, and says ready once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { preloadArguments } from '../../../main/electron/ipc-policy.ts';

interface Bridge {
  invoke(channel: unknown, args: unknown): Promise<unknown>;
  on(event: unknown, cb: unknown): () => void;
}

function loadPreload(answers: Record<string, unknown>) {
  const source = readFileSync(new URL('../../../main/electron/preload.cjs', import.meta.url), 'utf8');
  let bridge: Bridge | undefined;
  const invoked: [string, unknown][] = [];
  const sent: string[] = [];
  const handlers = new Map<string, (e: unknown, m: unknown) => void>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Bridge) => { assert.equal(key, 'spikegen'); bridge = api; } },
    ipcRenderer: {
      invoke: async (channel: string, args: unknown) => { invoked.push([channel, args]); return answers[channel]; },
      send: (channel: string) => sent.push(channel),
      on: (channel: string, h: (e: unknown, m: unknown) => void) => handlers.set(channel, h),
    },
  };
  const requireFake = (name: string) => { if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`); return electron; };
  runInNewContext(source, { require: requireFake, process: { argv: ['electron', ...preloadArguments()] }, console, setTimeout, Promise });
  return { bridge: bridge!, invoked, sent, emit: (m: unknown) => handlers.get('spikegen:event')!({}, m) };
}

test('invoke passes contract channels, resolves with the result and rejects with the error data', async () => {
  const p = loadPreload({
    'spikegen:system.info': { ok: true, result: { version: '0.1.0' } },
    'spikegen:presets.get': { ok: false, error: { kind: 'not-found', message: 'no preset has the id "x"' } },
  });
  assert.deepEqual(await p.bridge.invoke('spikegen:system.info', []), { version: '0.1.0' });
  await assert.rejects(p.bridge.invoke('spikegen:presets.get', ['x']), (e: { kind: string }) => e.kind === 'not-found');
  assert.deepEqual(p.invoked, [['spikegen:system.info', []], ['spikegen:presets.get', ['x']]]);
});

test('invoke refuses channels outside the contract without sending anything', async () => {
  const p = loadPreload({});
  for (const channel of ['spikegen:ready', 'spikegen:event', 'ELECTRON_BROWSER_REQUIRE', 42, undefined]) {
    await assert.rejects(p.bridge.invoke(channel, []), (e: { kind: string }) => e.kind === 'invalid-argument');
  }
  assert.deepEqual(p.invoked, []);
});

test('on accepts only contract events, delivers their payloads, unsubscribes, and says ready once', async () => {
  const p = loadPreload({});
  assert.throws(() => p.bridge.on('spikegen:ready', () => undefined), /not an event of the Spikegen Studio API/);
  const got: unknown[] = [];
  const off = p.bridge.on('jobs.changed', (x: unknown) => got.push(x));
  p.bridge.on('presets.changed', () => undefined);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(p.sent, ['spikegen:ready']);
  p.emit({ event: 'jobs.changed', payload: { id: 'j1' } });
  p.emit({ event: 'other', payload: 1 });
  off();
  p.emit({ event: 'jobs.changed', payload: { id: 'j2' } });
  assert.deepEqual(got, [{ id: 'j1' }]);
});
