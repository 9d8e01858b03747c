import type { SandboxMessage } from '../records.js';

/**
 * The policy of a message's HTML. `sandbox` without `allow-scripts` or `allow-same-origin`
 * gives the document an opaque origin where no script runs, not even when the URL is opened
 * in a tab of its own (the page's iframe is sandboxed too). Images and styles may come from
 * anywhere, as in a mail client showing remote content; the sandbox itself never fetches them.
 */
export const MESSAGE_HTML_CSP = [
  'sandbox',
  "default-src 'none'",
  'img-src data: http: https:',
  "style-src 'unsafe-inline' http: https:",
  'font-src data: http: https:',
  "frame-ancestors 'self'",
].join('; ');

// `cid:` URLs wherever they stand (src, srcset, background, CSS url()): RFC 2392 allows no
// space, quote, parenthesis or angle bracket in one.
const CID_URL = /\bcid:([^\s"'()<>]+)/gi;

/**
 * The HTML body with each `cid:` reference to an attachment's ContentID replaced by a
 * `data:` URL of that attachment, so inline images show without a request back to the
 * mailbox (which the opaque origin could not make as same-origin anyway). A reference to no
 * attachment stays as written.
 *
 * @example
 * resolveContentIds({ HtmlBody: '<img src="cid:logo">', Attachments: [{ ContentID: 'cid:logo', ... }] });
 * // '<img src="data:image/png;base64,...">'
 */
export function resolveContentIds(message: SandboxMessage): string {
  const html = message.HtmlBody ?? '';
  const inline = new Map<string, string>();
  for (const attachment of message.Attachments ?? []) {
    if (!attachment.ContentID) continue;
    const id = attachment.ContentID.replace(/^cid:/i, '').replace(/^<(.*)>$/, '$1');
    // The bare type: its parameters may hold quotes, which would end the attribute.
    const type = attachment.ContentType.split(';')[0]?.trim();
    inline.set(id, `data:${type};base64,${attachment.Content.replace(/\s/g, '')}`);
  }
  if (inline.size === 0) return html;
  return html.replace(CID_URL, (reference, id: string) => {
    return inline.get(id) ?? inline.get(decoded(id)) ?? reference;
  });
}

// A cid: URL is percent-encoded (RFC 2392); a malformed escape is left as it is.
function decoded(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
