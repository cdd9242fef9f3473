/**
 * The contract over one WebSocket (protocol in app/api/wire.ts): each text frame is a call, validated and run by
 * `dispatch` like an IPC call; events go to every open socket. A malformed frame — not JSON, not a call, binary,
 * too big — gets an 'invalid-argument' answer and the socket stays open: a bad client never breaks the server.
 */
import type { WebSocket, RawData } from 'ws';
import type { Api } from '../../app/api/contract.ts';
import { dispatch } from '../../app/api/dispatch.ts';
import type { ApiErrorData } from '../../app/api/errors.ts';
import { encodeBinaryFrame, type WireMessage } from '../../app/api/wire.ts';
import { isBinaryResult } from '../../app/api/viewer-types.ts';
import type { ServiceEvents } from '../services/service-events.ts';

/** Biggest call accepted: a preset import carries up to 50 million characters (app/api/contract.ts) plus JSON quoting. */
export const API_MESSAGE_LIMIT = 56 * 1024 * 1024;
/** Above this ws itself closes the socket (code 1009) before buffering more: the memory bound of one frame. */
export const SOCKET_MAX_PAYLOAD = 64 * 1024 * 1024;

type CallId = string | number | null;

function invalid(message: string): ApiErrorData {
  return { kind: 'invalid-argument', message };
}

function byteLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function text(data: RawData): string {
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8');
}

export function send(ws: WebSocket, message: WireMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

/**
 * Hook for bulk samples (issue 5, trace windows): answers call `id` with a binary frame — header JSON (`id`, dtype,
 * shape...) then the bytes, laid out by encodeBinaryFrame. A service returning trace windows will call this
 * instead of `send` so samples never travel as JSON.
 */
export function sendBinary(ws: WebSocket, header: { id: CallId } & Record<string, unknown>, payload: Uint8Array): void {
  if (ws.readyState === ws.OPEN) ws.send(encodeBinaryFrame(header, payload), { binary: true });
}

export function serveApiSocket(ws: WebSocket, api: Api, events: ServiceEvents, logError: (e: unknown) => void): void {
  const answer = (id: CallId, error: ApiErrorData) => send(ws, { id, ok: false, error });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return answer(null, invalid('binary frames are reserved for trace windows sent by the server; send API calls as JSON text'));
    const size = byteLength(data);
    if (size > API_MESSAGE_LIMIT) return answer(null, invalid(`the call is ${(size / 1e6).toFixed(1)} MB, more than the ${API_MESSAGE_LIMIT / 1024 / 1024} MB the API accepts`));
    let call: unknown;
    try {
      call = JSON.parse(text(data));
    } catch {
      return answer(null, invalid('the message is not JSON: send calls as {"id", "channel", "args"}'));
    }
    const c = call as { id?: unknown; channel?: unknown; args?: unknown } | null;
    const id = typeof c?.id === 'string' || typeof c?.id === 'number' ? c.id : null;
    if (typeof c !== 'object' || c === null || Array.isArray(c) || id === null) return answer(id, invalid('a call is a JSON object {"id", "channel", "args"} with a string or number id'));
    void dispatch(api, c.channel, c.args ?? [], logError).then((r) => {
      if (!r.ok) return send(ws, { id, ok: false, error: r.error });
      // bulk numbers (trace windows, rasters, templates) go as one binary frame: header {id, ok, meta}, then the bytes
      if (isBinaryResult(r.result)) return sendBinary(ws, { id, ok: true, meta: r.result.meta }, new Uint8Array(r.result.data));
      send(ws, { id, ok: true, result: r.result });
    });
  });
  const off = events.onAny((event, payload) => send(ws, { event, payload }));
  ws.on('close', off);
  ws.on('error', () => ws.terminate());
}
