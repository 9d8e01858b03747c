import type { SandboxMessage } from './records.js';

// Plausible raw sources for the /dump endpoints. They are for reading by people and simple
// parsers, not a full RFC 5322 implementation: bodies are base64 so no line is too long and
// no character needs quoting.

const CRLF = '\r\n';

/**
 * The message as a MIME document: headers, a multipart/alternative of the text and HTML
 * bodies, and the attachments. Bcc is left out, as in what a recipient receives.
 *
 * @example
 * renderMessageMime(sandbox.messages()[0]).startsWith('From: '); // true
 */
export function renderMessageMime(message: SandboxMessage): string {
  const boundary = mimeBoundary(message);
  const lines = messageHeaders(message).map(
    ([name, value]) => `${oneLine(name)}: ${encodeHeader(oneLine(value))}`,
  );
  const parts = [
    alternative(message, `${boundary}-alt`),
    ...(message.Attachments ?? []).map(attachmentPart),
  ];
  return [
    ...lines,
    '',
    ...parts.flatMap((part) => [`--${boundary}`, part]),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/**
 * The headers of the MIME document `renderMessageMime` writes, in its order, not yet encoded
 * (the mailbox shows them as a person reads them).
 *
 * @example
 * messageHeaders(message)[0]; // ['From', 'app@example.com']
 */
export function messageHeaders(message: SandboxMessage): [name: string, value: string][] {
  const headers: [string, string | undefined][] = [
    ['From', message.From],
    ['To', message.To],
    ['Cc', message.Cc],
    ['Reply-To', message.ReplyTo],
    ['Subject', message.Subject],
    ['Date', new Date(message.SubmittedAt).toUTCString()],
    ['Message-ID', `<${message.MessageID}@sandbox.postmark-fluent>`],
    ['X-PM-Message-Stream', message.MessageStream],
    ['X-PM-Tag', message.Tag],
    ...(message.Headers ?? []).map((header): [string, string] => [header.Name, header.Value]),
    ['MIME-Version', '1.0'],
    ['Content-Type', `multipart/mixed; boundary="${mimeBoundary(message)}"`],
  ];
  return headers.filter(
    (header): header is [string, string] => header[1] !== undefined && header[1] !== '',
  );
}

function mimeBoundary(message: SandboxMessage): string {
  return `sandbox-${message.MessageID}`;
}

/** A delivery status notification for a bounce of `email`, quoting the original headers. */
export function renderBounceDump(input: {
  readonly email: string;
  readonly from: string;
  readonly subject: string;
  readonly messageId: string;
  readonly details: string;
  readonly at: number;
}): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@bounce-testing.postmarkapp.com>',
    `To: ${encodeHeader(input.from)}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${new Date(input.at).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Your message to <${input.email}> could not be delivered.`,
    '',
    `Final-Recipient: rfc822; ${input.email}`,
    'Action: failed',
    `Diagnostic-Code: ${input.details}`,
    '',
    `Original-Message-ID: <${input.messageId}@sandbox.postmark-fluent>`,
    `Original-Subject: ${encodeHeader(input.subject)}`,
    '',
  ].join(CRLF);
}

function alternative(message: SandboxMessage, boundary: string): string {
  const bodies = [
    ['text/plain', message.TextBody],
    ['text/html', message.HtmlBody],
  ].filter((body): body is [string, string] => typeof body[1] === 'string' && body[1] !== '');
  const parts = bodies.map(([type, body]) =>
    [
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      wrap(Buffer.from(body, 'utf8').toString('base64')),
    ].join(CRLF),
  );
  return [
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    ...parts.flatMap((part) => [`--${boundary}`, part]),
    `--${boundary}--`,
  ].join(CRLF);
}

function attachmentPart(attachment: NonNullable<SandboxMessage['Attachments']>[number]): string {
  const inline = attachment.ContentID !== undefined && attachment.ContentID !== '';
  return [
    `Content-Type: ${oneLine(attachment.ContentType)}; ${parameter('name', attachment.Name)}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: ${inline ? 'inline' : 'attachment'}; ${parameter('filename', attachment.Name)}`,
    ...(inline ? [`Content-ID: <${attachment.ContentID?.replace(/^cid:/, '')}>`] : []),
    '',
    wrap(attachment.Content.replace(/\s/g, '')),
  ].join(CRLF);
}

// A header parameter: quoted and escaped when it is printable ASCII, else RFC 2231's
// percent-encoded UTF-8. Whatever the name holds, it stays inside its parameter.
function parameter(name: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `${name}="${value.replace(/[\\"]/g, '\\$&')}"`;
  return `${name}*=UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

// The sandbox only stores what passed the rules, which refuse line breaks in these values;
// a line of the dump is still never broken by one.
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

// RFC 2047 encoded-word for anything outside printable ASCII.
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function wrap(base64: string): string {
  return base64.match(/.{1,76}/g)?.join(CRLF) ?? '';
}
