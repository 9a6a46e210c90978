/**
 * The content security policy, in one place: the Electron shell sends it as a header, the
 * browser harness sends it as a header, and the Electron build (file://, which carries no
 * headers) writes it into index.html as a meta tag (`cspMetaTag`).
 *
 * Only the dev server (never a packaged app) relaxes it: Vite's React-refresh preamble is an
 * inline script and HMR is a socket. `sockets` names the WebSocket origins a page may open (the
 * harness's own `/ws`).
 */
export function contentSecurityPolicy(devOrigin?: string, sockets: readonly string[] = []): string {
  const dev = devOrigin ? new URL(devOrigin) : null;
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

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The policy as a meta tag. Browsers ignore (and log) `frame-ancestors` in a meta policy, so it
 * is left out here; only a header can carry it. */
export function cspMetaTag(policy: string = CONTENT_SECURITY_POLICY): string {
  const content = policy
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return `<meta http-equiv="Content-Security-Policy" content="${content}" />`;
}
