import {
  isMessageValidationError,
  MessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import { Message } from '../message/message.js';
import type { MessageInit } from '../model/types.js';
import { isPlainObject, ownValue } from '../utils/own.js';
import { addressParser, readAddresses } from './addresses.js';
import { readAttachments, readBody } from './content.js';
import { isGiven, POSTMARK_FIELDS, REFUSED_FIELDS } from './fields.js';
import { readHeaders } from './headers.js';
import type { NodemailerMail } from './types.js';

/**
 * The Message a Nodemailer message is: built through `Message.create()`, so it holds what the
 * builder would hold for the same fields and serializes alike. Every problem is reported at
 * once in one `MessageValidationError` whose paths are Nodemailer's field names (`to[1]`,
 * `attachments[0].cid`, `postmark.tag`); a field Postmark cannot express is one of them.
 */
export async function toMessage(mail: NodemailerMail): Promise<Message> {
  const { data } = mail;
  const issues: ValidationIssue[] = refusals(mail);

  const parse = addressParser(mail);
  const addresses = (field: string) => readAddresses(ownValue(data, field), field, issues, parse);
  const from = addresses('from');
  if (from.length > 1) {
    issues.push({
      path: 'from',
      code: 'address.count',
      message: `Postmark sends from one address; from has ${from.length}`,
    });
  }
  const init: Record<string, unknown> = {
    to: addresses('to'),
    cc: addresses('cc'),
    bcc: addresses('bcc'),
    replyTo: addresses('replyTo'),
    headers: readHeaders(data, issues),
    ...extension(ownValue(data, 'postmark'), issues),
  };
  if (from[0]) init.from = from[0];
  const subject = ownValue(data, 'subject');
  if (isGiven(subject)) init.subject = subject;
  // Read at once; their problems reported in this order, whichever read ends first.
  const later: ValidationIssue[][] = [[], [], []];
  const [text, html, attachments] = await Promise.all([
    readBody(mail, 'text', later[0] as ValidationIssue[]),
    readBody(mail, 'html', later[1] as ValidationIssue[]),
    readAttachments(mail, later[2] as ValidationIssue[]),
  ]);
  issues.push(...later.flat());
  if (text !== undefined) init.text = text;
  if (html !== undefined) init.html = html;
  init.attachments = attachments;

  let message: Message | undefined;
  try {
    message = Message.create(init as MessageInit);
  } catch (error) {
    if (!isMessageValidationError(error)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: nodemailerPath(issue.path) });
  }
  if (issues.length > 0 || message === undefined) throw new MessageValidationError(issues);
  return message;
}

function refusals(mail: NodemailerMail): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of Object.keys(REFUSED_FIELDS)) {
    if (isGiven(ownValue(mail.data, field))) {
      issues.push({
        path: field,
        code: 'nodemailer.unsupported',
        message: REFUSED_FIELDS[field] as string,
      });
    }
  }
  // A DKIM key given to createTransport() signs every message of that transporter.
  if (!isGiven(ownValue(mail.data, 'dkim')) && isGiven(mail.mailer?.dkim)) {
    issues.push({
      path: 'dkim',
      code: 'nodemailer.unsupported',
      message: `${REFUSED_FIELDS.dkim} (the transporter has a DKIM key)`,
    });
  }
  return issues;
}

/** The `postmark` field: the builder's own names, unknown ones refused. */
function extension(value: unknown, issues: ValidationIssue[]): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    issues.push({
      path: 'postmark',
      code: 'nodemailer.type',
      message: `postmark must be an object of ${POSTMARK_FIELDS.join(', ')}`,
    });
    return {};
  }
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if ((POSTMARK_FIELDS as readonly string[]).includes(key)) {
      fields[key] = value[key];
    } else {
      issues.push({
        path: `postmark.${key}`,
        code: 'message.unknownField',
        message: `"${key}" is not a field of postmark (${POSTMARK_FIELDS.join(', ')})`,
      });
    }
  }
  return fields;
}

// Message.create() names the fields of the extension at the top level; the caller wrote
// them inside `postmark`.
function nodemailerPath(path: string): string {
  const head = /^[^.[]*/.exec(path)?.[0] ?? '';
  return (POSTMARK_FIELDS as readonly string[]).includes(head) ? `postmark.${path}` : path;
}
