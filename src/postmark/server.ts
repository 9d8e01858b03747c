// The settings of one Postmark server (GET and PUT /server), as the SDK checks them and the
// sandbox enforces them.

/** The colours Postmark shows servers in. */
export const SERVER_COLORS = Object.freeze([
  'purple',
  'blue',
  'turquoise',
  'green',
  'red',
  'yellow',
  'grey',
  'orange',
] as const);

export type ServerColor = (typeof SERVER_COLORS)[number];

/** The spam score over which inbound mail is blocked: Postmark takes 0 to 30. */
export const INBOUND_SPAM_THRESHOLD = Object.freeze({ min: 0, max: 30 });

/**
 * Why `text` cannot be a hook URL Postmark posts to, or undefined: it must be an absolute
 * http: or https: URL.
 *
 * @example webUrlProblem('ftp://x') // 'must be an http: or https: URL (got ftp:)'
 */
export function webUrlProblem(text: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return `'${text}' is not an absolute URL`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `must be an http: or https: URL (got ${parsed.protocol})`;
  return undefined;
}
