import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isAllowedNavigation,
  isPermissionGranted,
  isTrustedRendererUrl,
} from '../../electron/trusted-url';

const built = 'file:///opt/app/out/renderer/index.html';
const dev = 'http://localhost:5173/';

describe('the Electron shell trusts only its own renderer', () => {
  it.each([
    [built, built, true],
    ['file:///opt/app/out/renderer/index.html#/bench', built, true],
    ['file:///etc/passwd', built, false],
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

  it('ships the strict CSP in index.html too (file:// responses carry no headers)', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta).not.toBeNull();
    const scriptSrc = meta![1].split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(meta![1]).toContain("object-src 'none'");
  });
});
