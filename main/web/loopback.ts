/** The harness serves only this machine: DNS-rebinding and cross-site pages are refused. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostOnly(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0];
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  return !!hostHeader && LOOPBACK_HOSTS.has(hostOnly(hostHeader).toLowerCase());
}

/** No Origin (curl, same-origin GET) is fine; a present Origin must be a loopback http origin. */
export function isAllowedOrigin(origin: string | undefined): boolean {
  if (!origin) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname === '::1' ? '[::1]' : u.hostname);
  } catch {
    return false;
  }
}
