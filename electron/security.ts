import { app, session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../main/security/csp';
import { isAllowedNavigation, isPermissionGranted, windowOpenDecision } from './trusted-url';

/** Locks every window down: CSP, no navigation away, no new windows, no webviews, no
 * permission prompts. Applied once, before any window exists. `devServer` only in development.
 * The built renderer's own protocol (app-protocol.ts) sends the CSP itself; this header covers
 * whatever else the session loads (the dev server). */
export function hardenApp(rendererUrl: () => string, devServer?: string): void {
  const csp = contentSecurityPolicy(devServer);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) =>
    isPermissionGranted(permission),
  );
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.on('will-navigate', (e, url) => {
      if (!isAllowedNavigation(contents.getURL(), url, rendererUrl())) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAllowedNavigation(contents.getURL(), url, rendererUrl())) e.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
  });
}
