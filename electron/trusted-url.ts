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

/** The CSP lives in main/csp.ts, shared with the browser harness. */
export { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../main/csp';
