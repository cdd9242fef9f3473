/**
 * Web mode: the same services as the Electron window, over HTTP (the built renderer) and one WebSocket (the API) on
 * the loopback interface only. Every request passes request-guard.ts (Host, Origin, per-run token) before anything
 * else; a refusal is a bare 403 that says nothing about why, so a probing page learns nothing.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { API_SOCKET_PATH } from '../../app/api/wire.ts';
import { createServices, type Services } from '../services/create-services.ts';
import { serveApiSocket, SOCKET_MAX_PAYLOAD } from './api-socket.ts';
import { securityHeaders } from './content-security-policy.ts';
import { checkRequest, newToken, tokenCookie } from './request-guard.ts';
import { serveStatic } from './static-files.ts';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

export interface WebServerOptions {
  port: number;
  dataDir: string;
  /** always loopback; 'localhost' resolves to it too. Anything else is refused: web mode has no remote use. */
  host?: '127.0.0.1' | 'localhost';
  rendererDir?: string;
  /** the pool's task module (tests pass a failing one) */
  workerFilename?: string;
  log?: (line: string) => void;
}

export interface WebServer {
  url: string;
  token: string;
  port: number;
  address: AddressInfo;
  services: Services;
  close(): Promise<void>;
}

const FORBIDDEN = 'Forbidden';

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const host = o.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`web mode listens on the loopback interface only, not on "${String(host)}"`);
  const log = o.log ?? ((line: string) => console.error(line));
  const token = newToken();
  const services = createServices({ dataDir: o.dataDir, mode: 'web', workerFilename: o.workerFilename });
  const rendererDir = o.rendererDir ?? DEFAULT_RENDERER_DIR;
  let port = 0;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: SOCKET_MAX_PAYLOAD, perMessageDeflate: false });
  const logError = (e: unknown) => log(`internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  sockets.on('connection', (ws) => serveApiSocket(ws, services.api, services.events, logError));

  const server: Server = createServer((req, res) => {
    const headers = securityHeaders(port);
    const verdict = checkRequest({ url: req.url, headers: req.headers, port, token });
    if (!verdict.ok) {
      res.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(FORBIDDEN);
      return;
    }
    serveStatic(rendererDir, req, res, verdict.tokenFromQuery ? { ...headers, 'Set-Cookie': tokenCookie(token) } : headers);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkRequest({ url: req.url, headers: req.headers, port, token });
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!verdict.ok || path !== API_SOCKET_PATH) {
      socket.end(`HTTP/1.1 ${verdict.ok ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${verdict.ok ? 9 : FORBIDDEN.length}\r\n\r\n${verdict.ok ? 'Not found' : FORBIDDEN}`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
    });
  } catch (e) {
    await services.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'EADDRINUSE' ? `port ${o.port} is already in use: choose another with --port, or --port 0 for any free port` : `the web server could not start: ${(e as Error).message}`);
  }
  const address = server.address() as AddressInfo;
  port = address.port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`, token, port, address, services,
    close: () => closing ??= (async () => {
      for (const ws of sockets.clients) ws.close(1001, 'server shutting down');
      await services.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    })(),
  };
}
