// The fields of Nodemailer's sendMail() that Postmark's API cannot express, each with the
// reason a caller reads in the error. A message holding one is refused whole: sending it
// without that part would deliver something other than what the caller wrote. The fields
// this table leaves out are either mapped (to-message.ts), honoured by Nodemailer before the
// transport runs (attachDataUrls, maxRecipients, disableFileAccess, disableUrlAccess, signal),
// or unknown to Nodemailer itself, which leaves those to its plugins (a template plugin's
// `template` and `context`); docs/nodemailer.md lists all of them.
export const REFUSED_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  sender: 'Postmark sends From the signature given in from, and sets no Sender header',
  date: 'Postmark dates a message when it sends it',
  watchHtml: 'Postmark sends one HTML body (html)',
  amp: 'Postmark sends no AMP body',
  icalEvent: 'Postmark sends no calendar part; attach the .ics file in attachments instead',
  alternatives: 'Postmark sends a text and an HTML body, no other alternatives',
  list: 'Postmark writes List-Unsubscribe itself for broadcast streams; other List-* headers go in headers',
  otp: 'set the OTP-Token header in headers instead',
  envelope: 'Postmark sends to the From, To, Cc and Bcc of the message, with no separate envelope',
  raw: 'Postmark builds the MIME message itself; a prepared one cannot be sent through its API',
  dkim: 'Postmark signs with the DKIM key of the sending domain',
  textEncoding: 'Postmark encodes the headers itself',
  encoding: 'Postmark chooses the transfer encoding of the bodies itself',
  newline: 'Postmark builds the MIME message itself',
  boundaryPrefix: 'Postmark builds the MIME message itself',
  baseBoundary: 'Postmark builds the MIME message itself',
  normalizeHeaderKey: 'header names are sent as written',
  dsn: 'Postmark reports deliveries and bounces through its webhooks and bounce API, not DSN',
  requireTLSExtensionEnabled: 'an SMTP option; the HTTP API has no REQUIRETLS',
  auth: 'an SMTP option; the Sender holds the Postmark token',
  ses: 'an option of the SES transport',
});

/** The same for the fields of one attachment. */
export const REFUSED_ATTACHMENT_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  raw: 'Postmark builds the MIME part itself',
  headers: 'Postmark sets no headers on an attachment',
  contentTransferEncoding: 'Postmark chooses the transfer encoding itself',
});

/** The fields of the `postmark` extension, with the names of `Message.create()`. */
export const POSTMARK_FIELDS = Object.freeze([
  'tag',
  'metadata',
  'stream',
  'trackOpens',
  'trackLinks',
  'template',
  'templateModel',
  'inlineCss',
] as const);

/** Whether a field holds anything: Nodemailer takes `undefined`, `null`, `false`, `''` and `[]` as not set. */
export function isGiven(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}
