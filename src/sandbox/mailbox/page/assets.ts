import dom from './dom.js?raw';
import style from './mailbox.css?raw';
import page from './mailbox.html?raw';
import script from './mailbox.js?raw';
import message from './message.js?raw';

// The page is plain files served as they are written: no build step, no framework, nothing
// from another host. Its policy allows only the sandbox's own script and style files (no
// inline script, no eval), its own API and frames, and no framing by other pages.
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageAsset {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The page (`page`) and the files it loads from `/mailbox/assets/`, by name. */
export const PAGE_ASSETS: ReadonlyMap<string, PageAsset> = new Map<string, PageAsset>([
  [
    'page',
    {
      body: page,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PAGE_CSP,
        'X-Frame-Options': 'DENY',
      },
    },
  ],
  ['mailbox.css', { body: style, headers: { 'Content-Type': 'text/css; charset=utf-8' } }],
  ['mailbox.js', javascript(script)],
  ['message.js', javascript(message)],
  ['dom.js', javascript(dom)],
]);

function javascript(body: string): PageAsset {
  return { body, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } };
}
