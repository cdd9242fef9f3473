/**
 * Who may talk to the web-mode server: only a page this run handed the token to, through the loopback address.
 * - Host must name 127.0.0.1 or localhost with our port: a DNS-rebinding page (evil.example resolving to 127.0.0.1)
 *   sends its own host name and is refused.
 * - Origin, when the browser sends one, must be our own origin: another site's page cannot drive the socket.
 * - The token (≥ 128 random bits, new every run) must come with the request: `?token=` on the URL, the HttpOnly
 *   cookie set when the page was opened with it, or a header for non-browser clients.
 * Pure functions of the request's headers, so the rules are tested without sockets.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { TOKEN_COOKIE, TOKEN_HEADER, TOKEN_QUERY } from '../../app/api/wire.ts';

export function newToken(): string {
  return randomBytes(32).toString('base64url'); // 256 bits
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export type Verdict = { ok: true; tokenFromQuery: boolean } | { ok: false; reason: 'host' | 'origin' | 'token' };

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b); // constant time: the token cannot be guessed byte by byte
}

export function checkRequest(o: { url: string | undefined; headers: IncomingHttpHeaders; port: number; token: string }): Verdict {
  const host = o.headers.host;
  if (!host || !allowedHosts(o.port).includes(host.toLowerCase())) return { ok: false, reason: 'host' };
  const origin = o.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) return { ok: false, reason: 'origin' };
  const query = new URL(o.url ?? '/', 'http://127.0.0.1').searchParams.get(TOKEN_QUERY);
  if (sameToken(query, o.token)) return { ok: true, tokenFromQuery: true };
  const header = o.headers[TOKEN_HEADER];
  if (sameToken(typeof header === 'string' ? header : undefined, o.token)) return { ok: true, tokenFromQuery: false };
  if (sameToken(cookieValue(o.headers.cookie, TOKEN_COOKIE), o.token)) return { ok: true, tokenFromQuery: false };
  return { ok: false, reason: 'token' };
}

/** The cookie that carries the token for the page's later requests (assets, the socket). */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
