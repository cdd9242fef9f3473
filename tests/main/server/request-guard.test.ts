import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRequest, newToken, tokenCookie } from '../../../main/server/request-guard.ts';

const token = newToken();
const port = 4321;
const check = (url: string, headers: Record<string, string>) => checkRequest({ url, headers, port, token });

test('a new token has at least 128 random bits and differs each time', () => {
  assert.ok(Buffer.from(token, 'base64url').length >= 16);
  assert.notEqual(newToken(), token);
});

test('the token is accepted from the query, the header or the cookie, and only ours', () => {
  assert.deepEqual(check(`/?token=${token}`, { host: `127.0.0.1:${port}` }), { ok: true, tokenFromQuery: true });
  assert.deepEqual(check('/x.js', { host: `localhost:${port}`, 'x-spikegen-token': token }), { ok: true, tokenFromQuery: false });
  assert.deepEqual(check('/x.js', { host: `127.0.0.1:${port}`, cookie: `a=b; spikegen_token=${token}; c=d` }), { ok: true, tokenFromQuery: false });
  assert.deepEqual(check('/', { host: `127.0.0.1:${port}` }), { ok: false, reason: 'token' });
  assert.deepEqual(check(`/?token=${token}x`, { host: `127.0.0.1:${port}` }), { ok: false, reason: 'token' });
  assert.deepEqual(check('/', { host: `127.0.0.1:${port}`, cookie: `spikegen_token=${newToken()}` }), { ok: false, reason: 'token' });
});

test('Host must be 127.0.0.1 or localhost with our port; Origin, when sent, our own', () => {
  for (const host of ['evil.example:4321', '127.0.0.1:80', '127.0.0.1', '192.168.1.2:4321', '[::1]:4321', '']) {
    assert.deepEqual(check(`/?token=${token}`, { host }), { ok: false, reason: 'host' }, host);
  }
  assert.deepEqual(check(`/?token=${token}`, { host: `127.0.0.1:${port}`, origin: 'http://evil.example' }), { ok: false, reason: 'origin' });
  assert.deepEqual(check(`/?token=${token}`, { host: `127.0.0.1:${port}`, origin: `http://localhost:${port}` }), { ok: false, reason: 'origin' }, 'same origin means the Host the page was loaded from');
  assert.deepEqual(check(`/?token=${token}`, { host: `127.0.0.1:${port}`, origin: 'null' }), { ok: false, reason: 'origin' });
  assert.equal(check(`/?token=${token}`, { host: `LOCALHOST:${port}`, origin: `http://localhost:${port}` }).ok, true);
});

test('the cookie is HttpOnly and SameSite=Strict', () => {
  assert.equal(tokenCookie('abc'), 'spikegen_token=abc; HttpOnly; SameSite=Strict; Path=/');
});
