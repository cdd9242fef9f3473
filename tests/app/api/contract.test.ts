import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allChannels, ApiError, channelName, contract, createApiClient, dispatch, lookupChannel, type Api } from '../../../app/api/index.ts';

// A test implementation of two methods, reached only through dispatch: what is tested is the contract machinery.
const calls: unknown[][] = [];
const impl = {
  presets: {
    get: async (id: string) => { calls.push(['get', id]); if (id === 'missing') throw new ApiError('not-found', 'no preset "missing": it may have been deleted'); return { id }; },
    rename: async (id: string, name: string) => { calls.push(['rename', id, name]); return { id, name }; },
    list: async () => { throw new TypeError('boom'); },
  },
} as unknown as Api;

test('channel names derive from the contract and every one is found again', () => {
  const channels = allChannels();
  assert.ok(channels.includes('spikegen:presets.get'));
  assert.ok(channels.includes('spikegen:jobs.start'));
  for (const c of channels) assert.ok(lookupChannel(c), c);
  assert.equal(channels.length, Object.values(contract).reduce((n, m) => n + Object.keys(m).length, 0));
});

test('unknown channels, prototype keys and malformed names are not found', () => {
  for (const c of ['spikegen:presets.constructor', 'spikegen:__proto__.x', 'spikegen:presets', 'presets.get', 'spikegen:presets.get.x', 'spikegen:toString.call']) {
    assert.equal(lookupChannel(c), undefined, c);
  }
});

test('dispatch validates arguments against the contract before any service runs', async () => {
  calls.length = 0;
  for (const [channel, args] of [
    ['spikegen:presets.get', [42]], ['spikegen:presets.get', []], ['spikegen:presets.get', 'x'], ['spikegen:presets.get', ['a', 'b']],
    ['spikegen:presets.rename', ['a', '']], ['spikegen:nope.get', ['a']], [17, []],
  ] as [unknown, unknown][]) {
    const r = await dispatch(impl, channel, args);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.kind, 'invalid-argument', JSON.stringify(r.error));
  }
  assert.equal(calls.length, 0);
});

test('dispatch returns results, service errors as {kind, message}, and hides internal failures behind a sentence', async () => {
  assert.deepEqual(await dispatch(impl, 'spikegen:presets.rename', ['a', 'New']), { ok: true, result: { id: 'a', name: 'New' } });
  const missing = await dispatch(impl, 'spikegen:presets.get', ['missing']);
  assert.deepEqual(missing, { ok: false, error: { kind: 'not-found', message: 'no preset "missing": it may have been deleted' } });
  let logged: unknown;
  const internal = await dispatch(impl, 'spikegen:presets.list', [{}], (e) => { logged = e; });
  assert.equal(internal.ok, false);
  if (!internal.ok) assert.equal(internal.error.kind, 'internal');
  assert.ok(logged instanceof TypeError);
});

test('the client proxy calls the transport with the derived channel and rethrows errors as ApiError', async () => {
  const client = createApiClient({
    invoke: async (channel, args) => {
      const r = await dispatch(impl, channel, args);
      if (r.ok) return r.result;
      throw r.error;
    },
    on: () => () => {},
  });
  assert.deepEqual(await client.presets.get('abc'), { id: 'abc' });
  await assert.rejects(client.presets.get('missing'), (e: unknown) => e instanceof ApiError && e.kind === 'not-found');
  assert.equal(channelName('jobs', 'cancel'), 'spikegen:jobs.cancel');
});
