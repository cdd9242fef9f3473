/**
 * Downloads one object of the template database over HTTP(S) with the guarantees the cache relies on: a time limit
 * (AbortSignal.timeout, merged with the caller's signal), the full body or an error (Content-Length is checked, a
 * connection closed mid-body is reported as a partial download), and, when the server gives an S3-style ETag (the
 * MD5 of a single-part upload), an integrity check of the bytes. SpikeInterface reads the same objects through
 * fsspec/s3fs anonymously (generation/template_database.py); the public bucket answers plain HTTPS GETs.
 */
import { createHash } from 'node:crypto';
import { TemplateDatabaseError } from './template-database-errors.ts';

export type FetchLike = (input: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface HttpGetOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: FetchLike;
  /** compare a plain-MD5 ETag with the body (default true; turn off for stores whose ETags are not MD5s, e.g. SSE-KMS) */
  verifyEtag?: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;

const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', EAI_AGAIN: 'DNS lookup failed',
  ECONNRESET: 'connection reset', UND_ERR_SOCKET: 'connection closed by the server', ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable', ENETUNREACH: 'network unreachable', UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

function causeCode(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code;
  if (code) return CODE_WORDS[code] ? `${CODE_WORDS[code]}, ${code}` : code;
  return cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/** A pooled keep-alive socket the server already closed fails before any answer: one fresh attempt is safe (GET). */
const staleSocket = (e: unknown) => ['UND_ERR_SOCKET', 'ECONNRESET'].includes((e as { cause?: { code?: string } })?.cause?.code ?? '');

/**
 * GET `url`; `what` names the object in messages ("chunk templates_array/5.0.0 of dataset X").
 * Returns undefined for HTTP 404 (zarr's "missing key"); every other failure throws a TemplateDatabaseError.
 */
export async function httpGetBytes(url: string, what: string, opts: HttpGetOptions): Promise<Uint8Array | undefined> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const fail = (e: unknown, during: string): TemplateDatabaseError => {
    if (opts.signal?.aborted) return new TemplateDatabaseError('aborted', `The download of ${what} was cancelled.`, { cause: e });
    if (timeout.aborted) {
      return new TemplateDatabaseError('timeout', `Timed out after ${seconds(opts.timeoutMs)} ${during} ${what} from ${url}; the server is slow or unreachable, try again later.`, { cause: e });
    }
    return e instanceof TemplateDatabaseError ? e : new TemplateDatabaseError('network',
      `Could not reach the template database (${causeCode(e)}) while downloading ${what} from ${url}; check the network connection.`, { cause: e });
  };
  let res: Response;
  const get = opts.fetch ?? fetch;
  try {
    res = await get(url, { signal }).catch((e: unknown) => {
      if (staleSocket(e) && !signal.aborted) return get(url, { signal });
      throw e;
    });
  } catch (e) {
    throw fail(e, 'waiting for');
  }
  if (res.status === 404) {
    await res.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw new TemplateDatabaseError('http', `The template database answered HTTP ${res.status}${res.statusText ? ` (${res.statusText})` : ''} for ${what} (${url}).`);
  }
  const declared = declaredLength(res);
  const parts: Uint8Array[] = [];
  let received = 0;
  try {
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        received += value.length;
      }
    }
  } catch (e) {
    if (opts.signal?.aborted || timeout.aborted) throw fail(e, 'while downloading');
    throw new TemplateDatabaseError('partial', `The download of ${what} stopped after ${received}${declared === null ? '' : ` of ${declared}`} bytes (the connection closed early); nothing was cached, try again.`, { cause: e });
  }
  if (declared !== null && received !== declared) {
    throw new TemplateDatabaseError('partial', `The download of ${what} stopped after ${received} of ${declared} bytes; nothing was cached, try again.`);
  }
  const body = concat(parts, received);
  // an ETag describes the stored bytes, which are not the ones read when a content coding was applied
  const coding = res.headers.get('content-encoding');
  if (opts.verifyEtag !== false && (!coding || coding === 'identity')) checkEtag(res, body, what);
  return body;
}

/** Content-Length, unless a content coding makes it the length of other bytes than those we read. */
function declaredLength(res: Response): number | null {
  const enc = res.headers.get('content-encoding');
  if (enc && enc !== 'identity') return null;
  const text = res.headers.get('content-length');
  const n = text === null ? NaN : Number(text);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** S3's ETag of a single-part object is the quoted hex MD5 of its bytes; multipart ETags ("…-N") are skipped. */
function checkEtag(res: Response, body: Uint8Array, what: string): void {
  const etag = /^(?:W\/)?"?([0-9a-f]{32})"?$/i.exec(res.headers.get('etag') ?? '');
  if (!etag || res.headers.get('etag')?.startsWith('W/')) return;
  const md5 = createHash('md5').update(body).digest('hex');
  if (md5 !== etag[1].toLowerCase()) {
    throw new TemplateDatabaseError('corrupt', `${capitalize(what)} arrived damaged: its MD5 (${md5}) does not match the server's ETag (${etag[1]}); it was refused and not cached.`);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
