/**
 * Web mode is reachable through the loopback interface only: the socket is bound to 127.0.0.1 and a connection to
 * the machine's other addresses is refused. Also measures how long `serve` takes to answer its first API call.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startWebServer } from '../../../main/server/web-server.ts';
import { get, openSocket, WireClient } from './http-helpers.ts';
import { startServeProcess } from './serve-process.ts';

function nonLoopbackAddresses(): string[] {
  return Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal).map((a) => a!.address);
}

function tryConnect(address: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const s = connect({ host: address, port, timeout: 3000 });
    s.once('connect', () => { s.destroy(); resolve('connected'); });
    s.once('timeout', () => { s.destroy(); resolve('timeout'); });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

test('startWebServer binds 127.0.0.1 only and refuses any other host', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spikegen-web-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startWebServer({ port: 0, dataDir, log: () => undefined });
  try {
    assert.deepEqual({ address: server.address.address, family: server.address.family }, { address: '127.0.0.1', family: 'IPv4' });
    assert.equal(server.url, `http://127.0.0.1:${server.port}/?token=${server.token}`);
    const r = await get({ port: server.port, path: `/?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } });
    assert.equal(r.status, 200);
  } finally {
    await server.close();
  }
  await assert.rejects(startWebServer({ port: 0, dataDir, host: '0.0.0.0' as '127.0.0.1' }), /loopback interface only/);
});

test('the served port cannot be reached through the machine\'s non-loopback addresses', async (t) => {
  const addresses = nonLoopbackAddresses();
  if (addresses.length === 0) {
    t.skip('this machine has no non-loopback network address: the check could not run (not counted as passed)');
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'spikegen-serve-'));
  const server = await startServeProcess(dataDir);
  try {
    for (const address of addresses) {
      const outcome = await tryConnect(address, server.port);
      assert.notEqual(outcome, 'connected', `${address}:${server.port} must not accept connections`);
      t.diagnostic(`${address}:${server.port} -> ${outcome}`);
    }
    assert.equal(await tryConnect('127.0.0.1', server.port), 'connected');
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('start-up: time from spawning serve to its address line and to the first answered API call', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spikegen-serve-'));
  const t0 = performance.now();
  const server = await startServeProcess(dataDir);
  try {
    const opened = await openSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
    assert.ok('ws' in opened);
    const answer = await new WireClient(opened.ws).call('spikegen:presets.list', [{}]);
    const firstCallMs = performance.now() - t0;
    opened.ws.close();
    assert.equal(answer.ok, true);
    assert.ok((answer.result as unknown[]).length >= 3, 'the built-in presets are listed');
    const line = `web mode start-up: address line after ${server.startupMs.toFixed(0)} ms, first API answer after ${firstCallMs.toFixed(0)} ms`;
    t.diagnostic(line);
    console.log(`# ${line}`);
    assert.ok(firstCallMs < 15_000, line);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
