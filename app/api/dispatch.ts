/**
 * The server side of the contract, shared by Electron IPC and the web server: validate a call's channel and
 * arguments against the contract, run the implementation, and turn every failure into ApiErrorData — a malformed
 * call never reaches a service and never crashes the process.
 */
import { ApiError, type ApiErrorData } from './errors.ts';
import { lookupChannel, type Api } from './contract.ts';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorData };

export async function dispatch(api: Api, channel: unknown, args: unknown, onInternalError?: (e: unknown) => void): Promise<DispatchResult> {
  if (typeof channel !== 'string') return { ok: false, error: { kind: 'invalid-argument', message: 'the call has no channel name' } };
  const entry = lookupChannel(channel);
  if (!entry) return { ok: false, error: { kind: 'invalid-argument', message: `"${channel.slice(0, 100)}" is not a method of the Spikegen Studio API` } };
  const parsed = entry.spec.args.safeParse(Array.isArray(args) ? args : []);
  if (!Array.isArray(args) || !parsed.success) {
    const detail = parsed.success ? 'arguments must be a list' : parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
    return { ok: false, error: { kind: 'invalid-argument', message: `bad arguments for ${entry.service}.${entry.method}: ${detail}` } };
  }
  const service = api[entry.service] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  try {
    return { ok: true, result: await service[entry.method](...(parsed.data as unknown[])) };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.toData() };
    onInternalError?.(e);
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { kind: 'internal', message: `${entry.service}.${entry.method} failed: ${message}` } };
  }
}
