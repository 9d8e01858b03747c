import {
  isMessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import { makeAttachment } from '../model/attachment.js';
import type { Attachment, AttachmentInput } from '../model/types.js';
import { isPlainObject, ownValue } from '../utils/own.js';
import { isGiven, REFUSED_ATTACHMENT_FIELDS } from './fields.js';
import type { NodemailerMail } from './types.js';

const utf8 = new TextDecoder();

/**
 * A body (`text` or `html`) in any form Nodemailer takes — a string, a Buffer, a stream,
 * `{ path }` (a file, a URL, a data URI), `{ content, encoding }` — read by Nodemailer's own
 * `resolveContent`, so its access rules (`disableFileAccess`, `disableUrlAccess`) hold.
 */
export async function readBody(
  mail: NodemailerMail,
  field: 'text' | 'html',
  issues: ValidationIssue[],
): Promise<string | undefined> {
  const value = ownValue(mail.data, field);
  if (!isGiven(value)) return undefined;
  if (isPlainObject(value) && isGiven(ownValue(value, 'raw'))) {
    issues.push({
      path: `${field}.raw`,
      code: 'nodemailer.unsupported',
      message: 'Postmark builds the MIME message itself; give the content instead of a raw part',
    });
    return undefined;
  }
  const content = await resolved(mail, mail.data, field, field, issues);
  if (content === undefined) return undefined;
  return typeof content === 'string' ? content : utf8.decode(content);
}

/**
 * The attachments, each read by Nodemailer's `resolveContent` (content as a string, Buffer or
 * stream; `path` or `href`; `encoding` of a string), named by `filename` or the last part of
 * its path, inline when it has a `cid` (sent as Postmark's `cid:` ContentID).
 */
export async function readAttachments(
  mail: NodemailerMail,
  issues: ValidationIssue[],
): Promise<Attachment[]> {
  const list = ownValue(mail.data, 'attachments');
  if (!isGiven(list)) return [];
  if (!Array.isArray(list)) {
    issues.push({
      path: 'attachments',
      code: 'nodemailer.type',
      message: 'attachments must be a list',
    });
    return [];
  }
  // Read at once, reported in the list's order whichever read ends first.
  const problems = list.map((): ValidationIssue[] => []);
  const read = await Promise.all(
    list.map((_, i) => readAttachment(mail, list, i, problems[i] as ValidationIssue[])),
  );
  issues.push(...problems.flat());
  return read.filter((attachment) => attachment !== undefined);
}

/** The attachment at `index`, or `undefined` when `issues` (its own) says why not. */
async function readAttachment(
  mail: NodemailerMail,
  list: unknown[],
  index: number,
  issues: ValidationIssue[],
): Promise<Attachment | undefined> {
  const path = `attachments[${index}]`;
  const item = list[index];
  if (!isPlainObject(item)) {
    issues.push({
      path,
      code: 'attachment.type',
      message: 'an attachment must be { filename, content } or { path }',
    });
    return undefined;
  }
  for (const field of Object.keys(REFUSED_ATTACHMENT_FIELDS)) {
    if (isGiven(ownValue(item, field))) {
      issues.push({
        path: `${path}.${field}`,
        code: 'nodemailer.unsupported',
        message: REFUSED_ATTACHMENT_FIELDS[field] as string,
      });
    }
  }
  const name = attachmentName(item);
  if (name === undefined) {
    issues.push({
      path: `${path}.filename`,
      code: 'attachment.name',
      message: 'Postmark needs a file name for every attachment: give filename',
    });
  }
  const contentId = inlineId(item, path, issues);
  if (!['content', 'path', 'href'].some((field) => isGiven(ownValue(item, field)))) {
    issues.push({
      path,
      code: 'attachment.content',
      message: 'an attachment needs content, a path or an href',
    });
    return undefined;
  }
  const content = await resolved(mail, list, index, path, issues);
  if (content === undefined || issues.length > 0) return undefined;
  const input = { name, content, contentType: ownValue(item, 'contentType'), contentId };
  try {
    // Checked here, so that an issue names the attachment by its place in the caller's list.
    return makeAttachment(input as AttachmentInput, path);
  } catch (error) {
    if (!isMessageValidationError(error)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: nodemailerPath(issue.path) });
    return undefined;
  }
}

// The builder names an attachment's fields as Postmark does; the caller wrote Nodemailer's.
function nodemailerPath(path: string): string {
  return path.replace(/\.name$/, '.filename').replace(/\.contentId$/, '.cid');
}

function attachmentName(item: Record<string, unknown>): string | undefined {
  const filename = ownValue(item, 'filename');
  if (typeof filename === 'string' && filename !== '') return filename;
  if (filename === false) return undefined;
  // As Nodemailer names an attachment after its location; a data URI names nothing.
  const location = ownValue(item, 'path') || ownValue(item, 'href');
  if (typeof location !== 'string' || /^data:/i.test(location)) return undefined;
  return location.split('?')[0]?.split(/[/\\]/).pop() || undefined;
}

// Nodemailer's cid is the bare id the HTML refers to as `cid:<id>`; Postmark's ContentID is
// written with the scheme (`cid:logo@example.com`), as its documentation writes it.
function inlineId(
  item: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
): string | undefined {
  const cid = ownValue(item, 'cid');
  const disposition = ownValue(item, 'contentDisposition');
  const inline = isGiven(cid);
  if (isGiven(disposition) && disposition !== (inline ? 'inline' : 'attachment')) {
    issues.push({
      path: `${path}.contentDisposition`,
      code: 'nodemailer.unsupported',
      message: `Postmark sends an attachment inline exactly when it has a cid, so this one goes as "${inline ? 'inline' : 'attachment'}"`,
    });
  }
  if (!inline) return undefined;
  if (typeof cid !== 'string') {
    issues.push({
      path: `${path}.cid`,
      code: 'attachment.contentId',
      message: 'a cid must be a string',
    });
    return undefined;
  }
  const id = cid.replace(/[<>]/g, '');
  return /^cid:/i.test(id) ? id : `cid:${id}`;
}

/** `holder[key]` read by Nodemailer, as text or bytes; a failure to read is an issue at `path`. */
async function resolved(
  mail: NodemailerMail,
  holder: object,
  key: string | number,
  path: string,
  issues: ValidationIssue[],
): Promise<string | Uint8Array | undefined> {
  const refused = accessRefusal(mail.data, (holder as Record<string | number, unknown>)[key]);
  if (refused) {
    issues.push({
      path,
      code: 'nodemailer.content',
      message: `cannot read the content: ${refused}`,
    });
    return undefined;
  }
  let content: unknown;
  try {
    content = await new Promise((resolve, reject) =>
      mail.resolveContent(holder, key, (error, value) => (error ? reject(error) : resolve(value))),
    );
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    issues.push({
      path,
      code: 'nodemailer.content',
      message: `cannot read the content: ${(error as Error).message}${typeof code === 'string' ? ` (${code})` : ''}`,
    });
    return undefined;
  }
  if (typeof content === 'string' || content instanceof Uint8Array) return content;
  issues.push({
    path,
    code: 'nodemailer.content',
    message: 'the content must be a string, a Buffer, a stream, or { path }',
  });
  return undefined;
}

/**
 * Nodemailer's `disableFileAccess` and `disableUrlAccess`, held here too: Nodemailer 10's
 * `resolveContent` honours them, earlier versions only when they build the MIME message, which
 * this transport never asks for. Worded as Nodemailer words them.
 */
function accessRefusal(data: Record<string, unknown>, value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const target = isPlainObject(value.content) ? value.content : value;
  const href = ownValue(target, 'href');
  const file = ownValue(target, 'path');
  const location = typeof href === 'string' && href ? href : file;
  if (typeof location !== 'string' || location === '' || /^data:/i.test(location)) return undefined;
  const url = location === href || /^https?:\/\//i.test(location);
  if (url && ownValue(data, 'disableUrlAccess'))
    return `Url access rejected for ${location} (EURLACCESS)`;
  if (!url && ownValue(data, 'disableFileAccess')) {
    return `File access rejected for ${location} (EFILEACCESS)`;
  }
  return undefined;
}
