import fs from 'node:fs/promises';
import path from 'node:path';
import { RENDERER_HOST, RENDERER_SCHEME } from './trusted-url';

/**
 * The `app://renderer/...` protocol that serves the built renderer (out/renderer) instead of
 * file://. A page on file:// may read any other file:// URL the OS user can (with the
 * GrantFileProtocolExtraPrivileges fuse on) and gets no response headers, so no CSP header and
 * no way to say `frame-ancestors`. Here the page has its own origin, `app://renderer`, sees only
 * the files under `root`, and every answer carries the CSP. No 'electron' import: the handler is
 * a plain `Request → Response` function that main.ts hands to `protocol.handle`.
 */

/** Registered before `ready` (protocol.registerSchemesAsPrivileged): standard (relative URLs
 * and an origin, so `'self'` in the CSP means exactly this), secure (a secure context, like
 * https), and able to load module scripts and fetch. */
export const RENDERER_SCHEME_PRIVILEGES = {
  scheme: RENDERER_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export type Resolved = { file: string } | { status: 400 | 403 | 404 | 405; reason: string };

/**
 * Maps a request URL to a file under `root`, or says why not. Refused: another scheme or host,
 * a malformed percent-escape, a NUL byte, a backslash (a separator on Windows), and anything
 * that resolves outside `root` (`..`, encoded or not, or an absolute path in disguise).
 */
export function resolveRendererFile(root: string, url: string): Resolved {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { status: 400, reason: 'not a URL' };
  }
  if (u.protocol !== `${RENDERER_SCHEME}:` || u.host !== RENDERER_HOST) {
    return { status: 403, reason: 'not the renderer' };
  }
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return { status: 400, reason: 'malformed escape' };
  }
  if (rel.includes('\0') || rel.includes('\\')) return { status: 400, reason: 'bad character' };
  rel = rel.replace(/^\/+/, '') || 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  const inside = path.relative(base, file);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) {
    return { status: 403, reason: 'outside the renderer' };
  }
  return { file };
}

/** The handler for `protocol.handle('app', ...)`: files under `root` with the CSP header. */
export function rendererProtocolHandler(
  root: string,
  csp: string,
): (request: { url: string; method?: string }) => Promise<Response> {
  const refuse = (status: number, reason: string) =>
    new Response(reason, {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': csp },
    });
  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(405, 'method not allowed');
    }
    const resolved = resolveRendererFile(root, request.url);
    if ('status' in resolved) return refuse(resolved.status, resolved.reason);
    let body: Buffer;
    try {
      // Follows no symlink out of the folder: the packaged renderer sits in the asar archive,
      // which has none, and a real path outside root is refused like `..`.
      const real = await fs.realpath(resolved.file);
      const realRoot = await fs.realpath(root);
      const rel = path.relative(realRoot, real);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
        return refuse(403, 'outside the renderer');
      }
      const stat = await fs.stat(real);
      if (!stat.isFile()) return refuse(404, 'not found');
      body = await fs.readFile(real);
    } catch {
      return refuse(404, 'not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type':
          TYPES[path.extname(resolved.file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  };
}
