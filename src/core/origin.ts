/**
 * Which addresses this instance answers to. A request must name the configured
 * public URL's host, or, when that is a loopback address, any loopback name
 * (a laptop user may type localhost or 127.0.0.1). Anything else — notably a
 * stranger's domain that a DNS-rebinding page has pointed at 127.0.0.1 — is refused.
 */

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname.toLowerCase());
}

/** `host` is a Host header value: a name or address with an optional port. */
export function isAllowedHost(host: string, publicUrl: string): boolean {
  let requested: URL;
  let configured: URL;
  try {
    requested = new URL(`http://${host}`);
    configured = new URL(publicUrl);
  } catch {
    return false;
  }
  if (requested.host === configured.host) return true;
  return isLoopback(configured.hostname) && isLoopback(requested.hostname);
}

/** `origin` is an Origin header value: scheme, host and port. */
export function isAllowedOrigin(origin: string, publicUrl: string): boolean {
  let requested: URL;
  try {
    requested = new URL(origin);
  } catch {
    return false;
  }
  if (requested.origin === new URL(publicUrl).origin) return true;
  return requested.protocol === 'http:' && isAllowedHost(requested.host, publicUrl) && isLoopback(requested.hostname);
}
