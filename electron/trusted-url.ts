/**
 * Pure URL checks for the Electron shell (no 'electron' import, so they are unit-tested).
 * The renderer is trusted only at its own origin: the built file or the dev server.
 */
export function isTrustedRendererUrl(url: string, rendererUrl: string): boolean {
  let u: URL;
  let base: URL;
  try {
    u = new URL(url);
    base = new URL(rendererUrl);
  } catch {
    return false;
  }
  // The host matters for file: too: file://server/share/... is a network path on Windows.
  if (base.protocol === 'file:') {
    return u.protocol === 'file:' && u.host === base.host && u.pathname === base.pathname;
  }
  return u.origin === base.origin;
}

/** Navigation away from the renderer is never allowed; in-page hash changes are harmless. */
export function isAllowedNavigation(from: string, to: string, rendererUrl: string): boolean {
  if (!isTrustedRendererUrl(to, rendererUrl)) return false;
  try {
    const a = new URL(from);
    const b = new URL(to);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/**
 * The IPC sender check: an API call is served only when it names a method and comes from a
 * frame showing our own renderer (not an iframe, a navigated-away page or a devtools frame).
 */
export function isTrustedIpcCall(
  frameUrl: string | undefined,
  method: unknown,
  rendererUrl: string,
): method is string {
  return (
    typeof method === 'string' &&
    method.length > 0 &&
    method.length <= 100 &&
    typeof frameUrl === 'string' &&
    isTrustedRendererUrl(frameUrl, rendererUrl)
  );
}

/** `window.open` and target=_blank links never open a window (external links would go
 * through the OS browser deliberately, never through this). */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** The workstation asks for no device, camera, notification or other permission. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * The CSP sent with every response. The built app gets the strict policy (index.html carries
 * the same as a meta tag, since file:// responses have no headers). Only the dev server (never a
 * packaged app) relaxes it: Vite's React-refresh preamble is an inline script and HMR is a socket.
 */
export function contentSecurityPolicy(devOrigin?: string): string {
  const dev = devOrigin ? new URL(devOrigin) : null;
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    // Mantine injects CSS variables through style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ws://${dev.host}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
