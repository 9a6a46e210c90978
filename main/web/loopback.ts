/** The harness serves only this machine: DNS-rebinding and cross-site pages are refused. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A `host[:port]` that names this harness: parsed as a URL authority (never split by hand, so
 * `127.0.0.1:1@evil.example` is the host evil.example with a user name, and refused), a loopback
 * name, and the port the harness listens on. Anything else in it (user info, a path) is refused.
 */
function isOwnAuthority(u: URL, port: number): boolean {
  return (
    u.username === '' &&
    u.password === '' &&
    LOOPBACK_HOSTS.has(u.hostname.toLowerCase()) &&
    (u.port === '' ? 80 : Number(u.port)) === port
  );
}

export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  // Only the characters an authority may hold: no path, query, fragment or whitespace.
  if (!hostHeader || !/^[\w.:[\]@%-]+$/.test(hostHeader)) return false;
  try {
    const u = new URL(`http://${hostHeader}`);
    return u.pathname === '/' && isOwnAuthority(u, port);
  } catch {
    return false;
  }
}

/** No Origin (curl, same-origin GET) is fine; a present Origin must be this harness's origin. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (!origin) return true;
  try {
    const u = new URL(origin);
    return (
      u.protocol === 'http:' &&
      u.pathname === '/' &&
      !u.search &&
      !u.hash &&
      isOwnAuthority(u, port)
    );
  } catch {
    return false;
  }
}
