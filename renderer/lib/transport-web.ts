/**
 * The web-mode transport: one WebSocket to `ws(s)://<host>/api?token=<token>` carrying the contract as JSON —
 * calls `{id, channel, args}`, replies `{id, ok, result | error}`, pushed events `{event, payload}`. It reconnects
 * with a growing delay when the socket drops; calls made while disconnected wait for the next connection, and
 * calls in flight when it drops are rejected (the server may or may not have run them).
 */
import type { Transport } from '../../app/api/client.ts';
import { API_SOCKET_PATH, binaryFrameResult, TOKEN_COOKIE, TOKEN_QUERY } from '../../app/api/wire.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

interface Pending { resolve: (v: unknown) => void; reject: (e: unknown) => void }

export interface WebTransport extends Transport {
  readonly state: ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
  close(): void;
}

/**
 * The session token: `?token=` of the page URL, else a readable `spikegen_token` cookie. Usually the server's
 * cookie is HttpOnly: then this is null and the browser sends the cookie with the socket's handshake itself.
 */
export function findToken(location: Location, cookie: string): string | null {
  const fromUrl = new URLSearchParams(location.search).get(TOKEN_QUERY);
  if (fromUrl) return fromUrl;
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function apiUrl(location: Location, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${API_SOCKET_PATH}${token ? `?${TOKEN_QUERY}=${encodeURIComponent(token)}` : ''}`;
}

export function createWebTransport(url: string): WebTransport {
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retryMs = 250;
  let stopped = false;
  const inFlight = new Map<number, Pending>();
  const waiting: (() => void)[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  function connect(): void {
    setState('connecting');
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setState('open');
      for (const send of waiting.splice(0)) send();
    };
    ws.onmessage = (ev) => {
      if (ev.data instanceof ArrayBuffer) {
        // a BinaryResult (trace window, raster, templates): header {id, ok, meta} then the bytes
        const { id, result } = binaryFrameResult(ev.data);
        const pending = typeof id === 'number' ? inFlight.get(id) : undefined;
        if (!pending) return;
        inFlight.delete(id as number);
        pending.resolve(result);
        return;
      }
      if (typeof ev.data !== 'string') return;
      let msg: { id?: number; ok?: boolean; result?: unknown; error?: unknown; event?: string; payload?: unknown };
      try { msg = JSON.parse(ev.data); } catch { return; }
      if (typeof msg.event === 'string') {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
        return;
      }
      const pending = typeof msg.id === 'number' ? inFlight.get(msg.id) : undefined;
      if (!pending) return;
      inFlight.delete(msg.id as number);
      if (msg.ok) pending.resolve(msg.result);
      else pending.reject(msg.error ?? new Error('The server refused the call without saying why.'));
    };
    ws.onclose = () => {
      socket = null;
      for (const p of inFlight.values()) p.reject(new Error('The connection to Spikegen Studio was lost; try again once it is back.'));
      inFlight.clear();
      if (stopped) { setState('closed'); return; }
      setState('closed');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }

  connect();

  return {
    get state() { return state; },
    invoke(channel, given) {
      // JSON turns an undefined argument into null; optional trailing arguments must be left out instead
      const args = [...given];
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      return new Promise((resolve, reject) => {
        const send = () => {
          const id = nextId++;
          inFlight.set(id, { resolve, reject });
          socket!.send(JSON.stringify({ id, channel, args }));
        };
        if (socket && socket.readyState === WebSocket.OPEN) send();
        else waiting.push(send);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      stopped = true;
      socket?.close();
    },
  };
}
