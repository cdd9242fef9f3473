/**
 * The renderer's origin in Electron: `app://spikegen/...` serves dist/renderer with the strict CSP on every
 * response. A privileged standard scheme (not file://) gives the page a real origin that the IPC checks can
 * recognise, and keeps other local files out of its reach.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../server/content-security-policy.ts';
import { contentTypeOf, resolveInside } from '../server/static-files.ts';
import { APP_HOST, APP_SCHEME } from './ipc-policy.ts';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveAppProtocol(rendererDir: string): void {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy(), 'X-Content-Type-Options': 'nosniff' };
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveInside(rendererDir, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)) : null;
    if (!file) return new Response('Not found', { status: 404, headers });
    return new Response(await readFile(file), { headers: { ...headers, 'Content-Type': contentTypeOf(file) } });
  });
}
