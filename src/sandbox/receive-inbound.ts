import { randomUUID } from 'node:crypto';
import { type Mailbox, readMailbox, splitAddressList } from '../postmark/address.js';
import { compactBase64, isBase64 } from '../postmark/attachment.js';
import { mailDate } from '../postmark/dates.js';
import { ERROR_CODES } from '../postmark/error-codes.js';
import {
  DEFAULT_INBOUND_STREAM,
  INBOUND_STATUSES,
  type InboundStatusName,
} from '../postmark/inbound.js';
import { decodeBase64 } from '../serialize/base64.js';
import { suggest } from '../utils/read-options.js';
import type { SandboxContext } from './context.js';
import { deepFreeze } from './freeze.js';
import { isPlainObject, unprocessable } from './http.js';
import type {
  SandboxInboundAttachment,
  SandboxInboundContact,
  SandboxInboundMessage,
} from './inbound-store.js';
import { announceInbound } from './webhook-events.js';

const TEXT_FIELDS = [
  'MessageID',
  'MessageStream',
  'From',
  'FromName',
  'To',
  'Cc',
  'Bcc',
  'ReplyTo',
  'OriginalRecipient',
  'Subject',
  'Date',
  'MailboxHash',
  'TextBody',
  'HtmlBody',
  'StrippedTextReply',
  'Tag',
  'Status',
  'BlockedReason',
  'RawEmail',
] as const;
const CONTACT_FIELDS = ['FromFull', 'ToFull', 'CcFull', 'BccFull'] as const;
const KNOWN = [...TEXT_FIELDS, ...CONTACT_FIELDS, 'Headers', 'Attachments'];

const refuse = (message: string) => unprocessable(ERROR_CODES.invalidRequest, message);
const wrongType = (message: string) => unprocessable(ERROR_CODES.incompatibleJson, message);

/**
 * Receives one inbound message, as Postmark would on mail to the server's inbound address:
 * checks and fills in the JSON (see `SandboxInboundInput`), blocks it when an inbound rule
 * matches its From, stores it, and posts it to the server's inbound hook URL, if it has one.
 * Throws a 422 `ApiFailure` naming the broken rule: 403 for a field of the wrong JSON type,
 * 300 for the rest (an unknown field, an address that does not parse, a MessageID taken).
 *
 * @example receiveInbound({ From: 'ada@example.com', To: 'inbound+42@example.com' }, context).MailboxHash // '42'
 */
export function receiveInbound(json: unknown, context: SandboxContext): SandboxInboundMessage {
  if (!isPlainObject(json)) throw wrongType('An inbound message must be a JSON object.');
  for (const key of Object.keys(json)) {
    if (!KNOWN.includes(key)) throw refuse(`Unknown inbound field '${key}'${suggest(key, KNOWN)}.`);
  }
  const text: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const name of TEXT_FIELDS) {
    const value = json[name] ?? undefined;
    if (value !== undefined && typeof value !== 'string')
      throw wrongType(`The inbound field '${name}' must be a string.`);
    text[name] = value;
  }
  const from = addresses('From', text.From, true);
  const to = addresses('To', text.To, true);
  const cc = addresses('Cc', text.Cc, false);
  const bcc = addresses('Bcc', text.Bcc, false);
  const [sender] = from;
  if (from.length !== 1 || sender === undefined)
    throw refuse("An inbound message's 'From' must be one address.");

  const messageId = text.MessageID || randomUUID();
  if (context.inbound.find(messageId)) throw refuse(`MessageID '${messageId}' is taken.`);
  const status = readStatus(text.Status);
  const original = text.OriginalRecipient || (to[0]?.email ?? '');
  const rule = context.inboundRules.blocking(sender.email);
  const now = context.now();
  const message: SandboxInboundMessage = {
    MessageID: messageId,
    MessageStream: text.MessageStream || DEFAULT_INBOUND_STREAM,
    From: text.From as string,
    FromName: text.FromName ?? sender.name ?? '',
    FromFull: contact('FromFull', json.FromFull, sender),
    To: text.To as string,
    ToFull: contacts('ToFull', json.ToFull, to),
    Cc: text.Cc ?? '',
    CcFull: contacts('CcFull', json.CcFull, cc),
    Bcc: text.Bcc ?? '',
    BccFull: contacts('BccFull', json.BccFull, bcc),
    ReplyTo: text.ReplyTo ?? '',
    OriginalRecipient: original,
    Subject: text.Subject ?? '',
    Date: text.Date || mailDate(now),
    MailboxHash: text.MailboxHash ?? mailboxHash(original),
    TextBody: text.TextBody ?? '',
    HtmlBody: text.HtmlBody ?? '',
    StrippedTextReply: text.StrippedTextReply ?? '',
    Tag: text.Tag ?? '',
    Headers: headers(json.Headers),
    Attachments: attachments(json.Attachments),
    // Postmark checks the rules before processing: a matching rule blocks whatever else.
    Status: rule ? 'Blocked' : status,
    BlockedReason: rule
      ? `Blocked by the inbound rule '${rule.Rule}' (ID ${rule.ID}).`
      : status === 'Blocked'
        ? (text.BlockedReason ?? 'Blocked.')
        : '',
    ...(text.RawEmail === undefined ? {} : { RawEmail: text.RawEmail }),
  };
  const stored = deepFreeze(message);
  context.inbound.add(stored, now);
  return announceInbound(context, stored);
}

function readStatus(value: string | undefined): InboundStatusName {
  if (value === undefined) return 'Processed';
  const status = INBOUND_STATUSES.find((known) => known === value);
  if (status === undefined)
    throw refuse(`Status '${value}' is not one of ${INBOUND_STATUSES.join(', ')}.`);
  return status;
}

function addresses(field: string, value: string | undefined, required: boolean): Mailbox[] {
  if (value === undefined || value.trim() === '') {
    if (required) throw refuse(`An inbound message needs a '${field}'.`);
    return [];
  }
  return splitAddressList(value).map((part) => {
    const read = readMailbox(part, 'input');
    if (!read.ok) throw refuse(`Error parsing '${field}': ${read.problem}.`);
    return read.mailbox;
  });
}

// `reply+4242@example.com` → `4242`: what follows the first `+` of the local part.
function mailboxHash(email: string): string {
  const local = email.slice(0, Math.max(email.lastIndexOf('@'), 0));
  const plus = local.indexOf('+');
  return plus < 0 ? '' : local.slice(plus + 1);
}

const toContact = (mailbox: Mailbox): SandboxInboundContact => ({
  Email: mailbox.email,
  Name: mailbox.name ?? '',
  MailboxHash: mailboxHash(mailbox.email),
});

// A contact list given by the caller is taken as given (checked for shape); else it is the
// parsed address list.
function contacts(field: string, given: unknown, parsed: Mailbox[]): SandboxInboundContact[] {
  if (given === undefined || given === null) return parsed.map(toContact);
  if (!Array.isArray(given)) throw wrongType(`'${field}' must be an array of contacts.`);
  return given.map((item, index) => checkedContact(`${field}[${index}]`, item));
}

function contact(field: string, given: unknown, parsed: Mailbox): SandboxInboundContact {
  return given === undefined || given === null ? toContact(parsed) : checkedContact(field, given);
}

function checkedContact(field: string, item: unknown): SandboxInboundContact {
  if (!isPlainObject(item) || typeof item.Email !== 'string')
    throw wrongType(`'${field}' must be an object with a string Email.`);
  const { Email, Name = '', MailboxHash = mailboxHash(Email) } = item;
  if (typeof Name !== 'string' || typeof MailboxHash !== 'string')
    throw wrongType(`'${field}': Name and MailboxHash must be strings.`);
  return { Email, Name, MailboxHash };
}

function headers(given: unknown): SandboxInboundMessage['Headers'] {
  if (given === undefined || given === null) return [];
  if (!Array.isArray(given)) throw wrongType("'Headers' must be an array of { Name, Value }.");
  return given.map((header, index) => {
    if (
      !isPlainObject(header) ||
      typeof header.Name !== 'string' ||
      typeof header.Value !== 'string'
    )
      throw wrongType(`'Headers[${index}]' must be an object with a string Name and Value.`);
    return { Name: header.Name, Value: header.Value };
  });
}

function attachments(given: unknown): SandboxInboundAttachment[] {
  if (given === undefined || given === null) return [];
  if (!Array.isArray(given)) throw wrongType("'Attachments' must be an array.");
  return given.map((item, index) => {
    const field = `Attachments[${index}]`;
    if (!isPlainObject(item) || typeof item.Name !== 'string' || typeof item.Content !== 'string')
      throw wrongType(`'${field}' must be an object with a string Name and Content.`);
    if (!isBase64(item.Content)) throw refuse(`'${field}.Content' is not base64.`);
    const content = compactBase64(item.Content);
    const { ContentType = 'application/octet-stream', ContentID } = item;
    const length = item.ContentLength ?? decodeBase64(content).length;
    if (typeof ContentType !== 'string' || typeof length !== 'number')
      throw wrongType(`'${field}': ContentType must be a string and ContentLength a number.`);
    if (ContentID !== undefined && typeof ContentID !== 'string')
      throw wrongType(`'${field}.ContentID' must be a string.`);
    return {
      Name: item.Name,
      Content: content,
      ContentType,
      ContentLength: length,
      ...(ContentID === undefined ? {} : { ContentID }),
    };
  });
}
