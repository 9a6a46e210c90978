/**
 * The one Content-Security-Policy of the renderer, wherever it is served from: the Electron
 * shell's `app://` protocol (a response header), the browser harness (main/web, a response
 * header) and, only in development, Electron against the Vite dev server. It is sent as a header
 * and never as a meta tag: a meta tag cannot carry `frame-ancestors` (Chromium logs that it is
 * ignored on every load).
 *
 * `'self'` is the origin the renderer is served from: `app://renderer` in the app,
 * `http://127.0.0.1:PORT` in the harness (CSP 3 lets `'self'` match that origin's own
 * WebSocket, which the harness's `/ws` is). Only the dev server relaxes the policy: Vite's
 * React-refresh preamble is an inline script and HMR is a socket on the dev server's host.
 */
export function contentSecurityPolicy(devOrigin?: string, sockets: readonly string[] = []): string {
  const dev = devOrigin ? new URL(devOrigin) : null;
  // `sockets`: WebSocket origins named explicitly, for browsers whose 'self' does not cover ws:.
  const connect = ["'self'", ...(dev ? [`ws://${dev.host}`] : []), ...sockets];
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    // Mantine injects CSS variables through style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The strict policy: the packaged app and the browser harness. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
