import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Serves the built renderer; unknown paths fall back to index.html (client-side routes).
 * `relPath` is already percent-decoded by the caller (a malformed path never gets here).
 * Pages carry the CSP as a header (a meta policy cannot hold frame-ancestors).
 */
export function serveStatic(root: string, relPath: string, res: ServerResponse, csp: string): void {
  const rel = relPath.replace(/^\/+/, '');
  const base = path.resolve(root);
  let file = path.resolve(base, rel || 'index.html');
  if (file !== base && !file.startsWith(base + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(base, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built. Run: npx vite build --config vite.web.config.ts');
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const stream = fs.createReadStream(file);
  // A file that cannot be read (removed mid-request, a folder named index.html) must end this
  // response, not the process: an unhandled stream error would be an uncaught exception.
  stream.once('error', () => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end();
  });
  stream.once('open', () => {
    res.writeHead(200, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      ...(type.startsWith('text/html') ? { 'content-security-policy': csp } : {}),
    });
    stream.pipe(res);
  });
}
