/**
 * The contract on the wire of web mode (one WebSocket at API_SOCKET_PATH, same origin as the page):
 *
 * - text frame, client → server: `{id, channel, args}` (a WireRequest); `id` is the client's, echoed back.
 * - text frame, server → client: `{id, ok: true, result}` or `{id, ok: false, error: {kind, message, details}}`,
 *   and events `{event, payload}` (app/api/events.ts) pushed at any time.
 * - binary frame, server → client: the answer to a call whose result is a BinaryResult `{meta, data: ArrayBuffer}`
 *   (trace windows, rasters, templates): header `{id, ok: true, meta}`, payload = the bytes of `data` — see
 *   encodeBinaryFrame; the client rebuilds `{meta, data}`. Clients send no binary frames; the server answers one
 *   with an 'invalid-argument' error.
 *
 * Authentication rides on the page's cookie (set when the page is opened with `?token=`); a non-browser client
 * passes `?token=` on the socket URL or the TOKEN_HEADER header.
 */
import type { ApiErrorData } from './errors.ts';

export const API_SOCKET_PATH = '/api';
export const TOKEN_QUERY = 'token';
export const TOKEN_COOKIE = 'spikegen_token';
export const TOKEN_HEADER = 'x-spikegen-token';

export interface WireRequest { id: string | number; channel: string; args: unknown[] }
export type WireResponse =
  | { id: string | number | null; ok: true; result: unknown }
  | { id: string | number | null; ok: false; error: ApiErrorData };
export interface WireEvent { event: string; payload: unknown }
export type WireMessage = WireResponse | WireEvent;

/**
 * A binary frame: 4 bytes little-endian header length, the UTF-8 JSON header (at least `{id}` of the request it
 * answers, plus what the payload is: dtype, shape), then the payload bytes. The payload starts at a multiple of 8
 * bytes so the receiver can view it as a typed array without copying.
 */
export function encodeBinaryFrame(header: Record<string, unknown>, payload: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((4 + json.length) / 8) * 8;
  const frame = new Uint8Array(start + payload.length);
  new DataView(frame.buffer).setUint32(0, json.length, true);
  frame.set(json, 4);
  frame.fill(0x20, 4 + json.length, start); // JSON whitespace pads the header
  frame.set(payload, start);
  return frame;
}

export function decodeBinaryFrame(frame: ArrayBuffer): { header: Record<string, unknown>; payload: ArrayBuffer; payloadOffset: number } {
  const length = new DataView(frame).getUint32(0, true);
  const start = Math.ceil((4 + length) / 8) * 8;
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(frame, 4, length))) as Record<string, unknown>;
  return { header, payload: frame, payloadOffset: start };
}

/** The `{meta, data}` result a binary frame carries (see the protocol above); `data` is a copy starting at byte 0. */
export function binaryFrameResult(frame: ArrayBuffer): { id: unknown; result: { meta: unknown; data: ArrayBuffer } } {
  const { header, payload, payloadOffset } = decodeBinaryFrame(frame);
  return { id: header.id, result: { meta: header.meta, data: payload.slice(payloadOffset) } };
}
