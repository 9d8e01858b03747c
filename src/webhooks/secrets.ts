import { isBase64 } from '../postmark/attachment.js';
import { decodeBase64 } from '../utils/base64.js';

const encoder = new TextEncoder();

/**
 * Whether `given` equals `expected`, in time that depends on neither: both are hashed with
 * SHA-256 (Web Crypto, on every runtime) and the digests compared byte by byte without an early
 * exit, so neither a length nor a shared prefix shows in how long the answer takes.
 *
 * @example await sameSecret(request.headers.get('x-token') ?? '', secret)
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/**
 * The `user:password` an `Authorization: Basic ...` header carries (UTF-8), or `''` when the
 * header is missing or is not basic auth: what is compared with the expected credentials.
 *
 * @example basicCredentials('Basic cG9zdG1hcms6czNjcmV0') // 'postmark:s3cret'
 */
export function basicCredentials(header: string | null): string {
  const match = /^Basic[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const token = match?.[1] ?? '';
  if (token === '' || !isBase64(token)) return '';
  return new TextDecoder().decode(decodeBase64(token));
}
