/**
 * Pure URL checks for the Electron shell (no 'electron' import, so they are unit-tested).
 * The renderer is trusted only at its own address: the built app's page on the `app://`
 * protocol (app-protocol.ts) or the dev server.
 */

/** The built renderer's own scheme and host: `app://renderer/index.html`. */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'renderer';
export const BUILT_RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

export function isTrustedRendererUrl(url: string, rendererUrl: string): boolean {
  let u: URL;
  let base: URL;
  try {
    u = new URL(url);
    base = new URL(rendererUrl);
  } catch {
    return false;
  }
  // A custom scheme has no origin in the URL standard (`origin` is "null" for every app: and
  // file: URL alike), so comparing origins would trust any of them: compare the parts instead.
  // The host matters for file: too: file://server/share/... is a network path on Windows.
  if (base.protocol === 'file:' || base.protocol === `${RENDERER_SCHEME}:`) {
    return (
      u.protocol === base.protocol &&
      u.host === base.host &&
      u.pathname === base.pathname &&
      u.username === '' &&
      u.password === '' &&
      u.port === ''
    );
  }
  return base.origin !== 'null' && u.origin === base.origin;
}

/** Navigation away from the renderer is never allowed; in-page hash changes are harmless. */
export function isAllowedNavigation(from: string, to: string, rendererUrl: string): boolean {
  if (!isTrustedRendererUrl(to, rendererUrl)) return false;
  try {
    const a = new URL(from);
    const b = new URL(to);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
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
