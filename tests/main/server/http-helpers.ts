/** Raw HTTP and WebSocket calls with full control of Host, Origin and Cookie (fetch would not let a test forge Host). */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';

export interface RawResponse { status: number; headers: IncomingHttpHeaders; body: string }

export function get(o: { host?: string; port: number; path: string; headers?: Record<string, string>; method?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: o.host ?? '127.0.0.1', port: o.port, path: o.path, method: o.method ?? 'GET', headers: o.headers, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it, or with the HTTP status the upgrade was refused with. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, handshakeTimeout: 10_000 });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => { resolve({ refused: res.statusCode ?? 0 }); res.resume(); ws.terminate(); });
    ws.once('error', (e) => reject(e));
  });
}

/** A small client of the wire protocol: call() sends one request and waits for its answer; events are collected. */
export class WireClient {
  private next = 1;
  private readonly waiting = new Map<string | number | null, (m: Record<string, unknown>) => void>();
  readonly events: { event: string; payload: unknown }[] = [];
  readonly orphanErrors: Record<string, unknown>[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      if ('event' in m) { this.events.push(m as { event: string; payload: unknown }); return; }
      const id = m.id as string | number | null;
      const w = this.waiting.get(id);
      if (w) { this.waiting.delete(id); w(m); } else this.orphanErrors.push(m);
    });
  }

  call(channel: unknown, args: unknown): Promise<Record<string, unknown>> {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, channel, args }));
    return this.answer(id);
  }

  /** Sends raw data; the answer to a frame without a usable id comes back with id null. */
  sendRaw(data: string | Buffer, binary = false): Promise<Record<string, unknown>> {
    this.ws.send(data, { binary });
    return this.answer(null);
  }

  private answer(id: string | number | null): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to call ${id}`)), 30_000);
      this.waiting.set(id, (m) => { clearTimeout(timer); resolve(m); });
    });
  }
}
