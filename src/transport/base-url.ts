export const DEFAULT_BASE_URL = 'https://api.postmarkapp.com';

/**
 * The base URL, checked and without a trailing slash. Plain `http:` would carry the token in
 * clear text, so it is refused unless the host is this machine (a local sandbox) or the
 * caller says `allowInsecure`.
 */
export function checkBaseUrl(baseUrl: string, allowInsecure = false): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(
      `baseUrl must be an absolute URL such as ${DEFAULT_BASE_URL} (got "${baseUrl}")`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must use https: (got ${url.protocol})`);
  }
  if (url.protocol === 'http:' && !allowInsecure && !isLoopback(url.hostname)) {
    throw new TypeError(
      `baseUrl ${url.origin} is plain http: the server token would travel unencrypted. Use https:, or set allowInsecure: true if that is intended`,
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError('baseUrl may not carry a query, a fragment or credentials');
  }
  return url.href.replace(/\/+$/, '');
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}
