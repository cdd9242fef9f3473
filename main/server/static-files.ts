/**
 * Serves the built renderer (dist/renderer) to an already authorised request: GET/HEAD only, files inside the
 * folder only (no `..`, no symlink escape), a content type for every file we ship, and `no-store` on index.html
 * so a new build is picked up. When the renderer is not built yet, a short page says how to build it.
 */
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = '<!doctype html><meta charset="utf-8"><title>Spikegen Studio</title>'
  + '<p>The user interface has not been built yet: run <code>npm run build:renderer</code> and reload this page.</p>';

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed');
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');
    return;
  }
  const file = resolveInside(root, pathname === '/' ? '/index.html' : pathname);
  if (!file) {
    if (pathname === '/' || pathname === '/index.html') {
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : NOT_BUILT);
      return;
    }
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const type = contentTypeOf(file);
  const cache = file.endsWith('index.html') ? 'no-store' : 'no-cache';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': String(statSync(file).size), 'Cache-Control': cache });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The real path of a regular file inside root, or null (outside, missing, a folder); the Electron protocol uses it too. */
export function resolveInside(root: string, pathname: string): string | null {
  if (pathname.includes('\0') || !existsSync(root)) return null;
  const realRoot = realpathSync(root);
  const candidate = join(realRoot, pathname);
  if (!existsSync(candidate)) return null;
  const real = realpathSync(candidate);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
  return statSync(real).isFile() ? real : null;
}
