/**
 * The page's Content-Security-Policy, one string for both doors: scripts only from the app itself (no inline, no
 * eval), styles may be inline (Svelte's transitions set style attributes), images also from data:/blob: (canvas
 * exports), connections only back to this server's socket, no plugins, no <base>, no framing by other pages.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Web mode: the socket is at ws://127.0.0.1:<port> or ws://localhost:<port> (CSP's 'self' does not cover ws: in every browser). */
export function webModePolicy(port: number): string {
  return contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
}

/** Headers every web-mode response carries, whatever it is. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': webModePolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}
