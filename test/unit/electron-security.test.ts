import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isAllowedNavigation,
  isPermissionGranted,
  isTrustedIpcCall,
  isTrustedRendererUrl,
  windowOpenDecision,
} from '../../electron/trusted-url';
import { cspMetaTag } from '../../main/csp';

const built = 'file:///opt/app/out/renderer/index.html';
const dev = 'http://localhost:5173/';

describe('the Electron shell trusts only its own renderer', () => {
  it.each([
    [built, built, true],
    ['file:///opt/app/out/renderer/index.html#/bench', built, true],
    ['file:///etc/passwd', built, false],
    ['file://fileserver/opt/app/out/renderer/index.html', built, false],
    ['file:///opt/app/out/renderer/other.html', built, false],
    ['https://evil.example/', built, false],
    ['http://localhost:5173/intake', dev, true],
    ['http://localhost:5174/', dev, false],
    ['http://127.0.0.1:5173/', dev, false],
    ['not a url', built, false],
  ])('%s under %s → %s', (url, renderer, expected) => {
    expect(isTrustedRendererUrl(url, renderer)).toBe(expected);
  });

  it('refuses navigation anywhere else, even to another page of the same origin', () => {
    expect(isAllowedNavigation(built, `${built}#/pickup`, built)).toBe(true);
    expect(isAllowedNavigation(built, 'https://evil.example/', built)).toBe(false);
    expect(isAllowedNavigation(`${dev}intake`, `${dev}settings`, dev)).toBe(false);
  });

  it('grants no permission, whatever is asked', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'serial',
    ]) {
      expect(isPermissionGranted(p)).toBe(false);
    }
  });

  it('has a CSP without inline or remote scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('relaxes the CSP only for the dev server (inline refresh preamble, HMR socket)', () => {
    const devCsp = contentSecurityPolicy(dev);
    expect(devCsp).toContain("script-src 'self' 'unsafe-inline'");
    expect(devCsp).toContain("connect-src 'self' ws://localhost:5173");
    expect(devCsp).toContain("object-src 'none'");
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
  });

  it('ships the strict CSP as a meta tag in the Electron build only, without frame-ancestors', () => {
    // file:// carries no headers, so the Electron build writes the policy into the page; a meta
    // policy cannot hold frame-ancestors (browsers log that on every load), so it is left out.
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(cspMetaTag());
    expect(meta).not.toBeNull();
    const scriptSrc = meta![1].split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(meta![1]).toContain("object-src 'none'");
    expect(meta![1]).not.toContain('frame-ancestors');
    // the page itself carries none: the harness sends a header
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    expect(html).not.toMatch(/Content-Security-Policy/i);
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['file:///opt/app/out/renderer/index.html/../../../../etc/passwd'],
    ['file://evil.example/opt/app/out/renderer/index.html'],
    ['blob:https://evil.example/1234'],
    ['about:blank'],
    ['devtools://devtools/bundled/inspector.html'],
    ['https://localhost:5173/'],
  ])('never navigates to %s', (to) => {
    expect(isAllowedNavigation(built, to, built)).toBe(false);
    expect(isAllowedNavigation(dev, to, dev)).toBe(false);
  });

  it('serves IPC only to our own renderer frame, with a method name', () => {
    expect(isTrustedIpcCall(built, 'tickets.list', built)).toBe(true);
    expect(isTrustedIpcCall(`${built}#/settings`, 'tickets.list', built)).toBe(true);
    expect(isTrustedIpcCall(undefined, 'tickets.list', built)).toBe(false);
    expect(isTrustedIpcCall('', 'tickets.list', built)).toBe(false);
    expect(isTrustedIpcCall('https://evil.example/', 'tickets.list', built)).toBe(false);
    expect(isTrustedIpcCall('about:blank', 'tickets.list', built)).toBe(false);
    expect(isTrustedIpcCall('file:///tmp/index.html', 'tickets.list', built)).toBe(false);
    for (const method of [42, null, undefined, {}, ['tickets.list'], '', 'x'.repeat(101)]) {
      expect(isTrustedIpcCall(built, method, built)).toBe(false);
    }
    expect(isTrustedIpcCall(dev, 'auth.login', dev)).toBe(true);
    expect(isTrustedIpcCall('http://localhost:5173.evil.example/', 'auth.login', dev)).toBe(false);
  });

  it('denies every window.open, whatever the URL', () => {
    for (const url of [built, 'https://example.com/', 'about:blank', 'javascript:void 0', '']) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
    }
  });

  it('the shell wires exactly these checks into Electron', () => {
    const security = fs.readFileSync(path.resolve(__dirname, '../../electron/security.ts'), 'utf8');
    expect(security).toContain('setWindowOpenHandler(({ url }) => windowOpenDecision(url))');
    expect(security).toContain("contents.on('will-attach-webview', (e) => e.preventDefault())");
    expect(security).toMatch(
      /setPermissionRequestHandler\([^)]*\) =>\s*callback\(isPermissionGranted\(permission\)\)/,
    );
    expect(security).toContain('setPermissionCheckHandler');
    const main = fs.readFileSync(path.resolve(__dirname, '../../electron/main.ts'), 'utf8');
    expect(main).toContain('isTrustedIpcCall(frameUrl, method, rendererUrl())');
    for (const pref of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'webviewTag: false',
    ]) {
      expect(main).toContain(pref);
    }
    expect(main).toContain('app.enableSandbox()');
  });

  it('packages with the hardening fuses on', () => {
    const yml = fs.readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8');
    const fuses = yml.slice(yml.indexOf('electronFuses:'));
    for (const [fuse, value] of [
      ['runAsNode', 'false'],
      ['enableNodeOptionsEnvironmentVariable', 'false'],
      ['enableNodeCliInspectArguments', 'false'],
      ['enableEmbeddedAsarIntegrityValidation', 'true'],
      ['onlyLoadAppFromAsar', 'true'],
      ['enableCookieEncryption', 'true'],
    ]) {
      expect(fuses, fuse).toMatch(new RegExp(`\\n\\s+${fuse}: ${value}\\b`));
    }
    // the asar archive (and so its integrity check) is never switched off
    expect(yml).not.toMatch(/^asar:\s*false/m);
  });
});
