import { isIP } from 'node:net';

// The mailbox shows every message the sandbox accepted, so by default only this machine may
// see it: it is served when the sandbox listens on a loopback address, and only to requests
// whose Host names one. The Host check stops DNS rebinding, where a web page the developer
// visits points its own host name at 127.0.0.1 and reads the mailbox as same-origin.

/** Whether `address` (an IP address or `localhost`) is this machine: 127.0.0.0/8, ::1. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/**
 * Whether a `Host` header names this machine: a loopback address or `localhost` (and its
 * subdomains, which RFC 6761 keeps on loopback), with any port.
 *
 * @example isLoopbackHost('localhost:4000') // true
 * @example isLoopbackHost('rebind.example:4000') // false
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = (
    host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '')
  ).replace(/\.$/, '');
  return isLoopbackAddress(name) || /^[a-z0-9.-]+\.localhost$/i.test(name);
}
