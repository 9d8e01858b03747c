import { randomUUID } from 'node:crypto';
import type { ValidationIssue } from '../errors/message-validation-error.js';
import { fieldOf, inspectPostmarkJson } from '../message/read-json.js';
import { bodyProblem } from '../message/validate.js';
import type { MessageData } from '../model/types.js';
import { DEFAULT_STREAM } from '../postmark/answers.js';
import { CLIENT_ONLY_RULES } from '../postmark/differences.js';
import {
  ENTITY_WORDING,
  ERROR_CODES,
  errorCodeForRule,
  inactiveRecipientsMessage,
} from '../postmark/error-codes.js';
import { jsonNamesFor } from '../postmark/fields.js';
import { isPlainObject } from '../utils/own.js';
import { deliveryOutcome } from './bounce-testing.js';
import type { SandboxContext } from './context.js';
import { writeMessageFile } from './data-dir.js';
import { deepFreeze } from './freeze.js';
import type { Problem } from './http.js';
import type { SandboxMessage } from './records.js';
import type { RenderedContent } from './templates.js';
import { announceMessage } from './webhook-events.js';

/** The send endpoint a message came through: /email (and /email/batch) or the template ones. */
export type Endpoint = 'email' | 'template';

export type Acceptance =
  | { readonly ok: true; readonly message: SandboxMessage }
  | { readonly ok: false; readonly problem: Problem };

const FIELDS = { email: jsonNamesFor('email'), template: jsonNamesFor('template') };

/**
 * Takes one message through Postmark's rules and stores it when all pass. The rules a client
 * can check are the SDK's own (src/message/validate.ts, with the grammar and limits of
 * src/postmark), read from the JSON as Postmark reads it: the fields the endpoint does not
 * take are ignored, and so are the rules Postmark leaves to the client (CLIENT_ONLY_RULES).
 * Then what only a server knows: the message stream (1235, 1236, 1237), the sender signature
 * (400), the template (1101) and its rendered bodies, inactive or suppressed recipients (406).
 *
 * @example
 * await acceptMessage({ From: 'a@example.com', To: 'b@example.com', TextBody: 'Hi' }, 'email', context);
 * // { ok: true, message: { MessageID: '…', SubmittedAt: '…', MessageStream: 'outbound', … } }
 */
export async function acceptMessage(
  json: unknown,
  endpoint: Endpoint,
  context: SandboxContext,
): Promise<Acceptance> {
  if (!isPlainObject(json)) {
    return refuse(ERROR_CODES.incompatibleJson, 'A message must be a JSON object.');
  }
  const taken: Record<string, unknown> = {};
  for (const key of Object.keys(json)) if (FIELDS[endpoint].has(key)) taken[key] = json[key];

  const { data, issues: all } = inspectPostmarkJson(taken, context.limits);
  const issues = all.filter((issue) => !CLIENT_ONLY_RULES.has(issue.code));
  const [first] = issues;
  if (first) return refuse(errorCodeForRule(first.code), wording(first));
  if (endpoint === 'template' && !data.template) {
    return refuse(ERROR_CODES.invalidRequest, 'Either TemplateId or TemplateAlias is required.');
  }

  const serverProblem = checkServer(data, context);
  if (serverProblem) return { ok: false, problem: serverProblem };

  let content: RenderedContent | undefined;
  if (data.template) {
    const rendered = render(data, context);
    if (!rendered.ok) return rendered;
    content = rendered.content;
  }

  const stream = data.stream ?? DEFAULT_STREAM;
  const now = context.now();
  const recipients = [...data.to, ...data.cc, ...data.bcc];
  const inactive = context.suppressions.suppressedAmong(
    recipients.map((recipient) => recipient.email),
    stream,
    now,
  );
  if (inactive.length > 0) {
    return refuse(ERROR_CODES.inactiveRecipient, inactiveRecipientsMessage([...new Set(inactive)]));
  }

  // The JSON as the client sent it, plus what the sandbox answered. The parsed request JSON
  // belongs to this request alone, so it is frozen in place, not copied.
  const record = deepFreeze({
    ...json,
    ...content,
    MessageID: randomUUID(),
    SubmittedAt: new Date(now).toISOString(),
    MessageStream: stream,
  } as SandboxMessage);

  const from = data.from as NonNullable<MessageData['from']>;
  const outcome = deliveryOutcome({
    messageId: record.MessageID,
    from,
    recipients,
    subject: record.Subject ?? '',
    tag: record.Tag ?? '',
    stream,
    at: now + context.eventDelayMs,
    nextBounceId: () => context.store.nextBounceId(),
  });
  // Written before it is stored: a message the data dir could not take is not accepted.
  if (context.dataDir !== undefined) await writeMessageFile(context.dataDir, record);
  const stored = {
    message: record,
    sent: deepFreeze(json),
    templated: content !== undefined,
    from,
    to: data.to,
    cc: data.cc,
    bcc: data.bcc,
    receivedAt: now,
    events: outcome.events,
  };
  context.store.add(stored, outcome.bounces);
  announceMessage(context, stored, outcome.bounces);
  return { ok: true, message: record };
}

/**
 * The message stream (1235 unknown, 1237 the inbound one, 1236 archived) and the sender
 * signature (400), which only the server knows.
 */
function checkServer(data: MessageData, context: SandboxContext): Problem | undefined {
  const id = data.stream ?? DEFAULT_STREAM;
  const stream = context.streams.get(id);
  if (stream === undefined) {
    return { errorCode: ERROR_CODES.streamNotFound, message: ENTITY_WORDING.streamNotFound(id) };
  }
  if (stream.type === 'Inbound') {
    return {
      errorCode: ERROR_CODES.streamNotForSending,
      message: `The 'MessageStream' provided ('${id}') is an Inbound stream; messages cannot be sent through it.`,
    };
  }
  if (stream.archivedAt !== null) {
    return {
      errorCode: ERROR_CODES.streamArchived,
      message: `The 'MessageStream' provided ('${id}') is archived; unarchive it to send through it.`,
    };
  }
  const signatures = context.senderSignatures;
  const from = data.from?.email.toLowerCase() ?? '';
  if (signatures !== undefined) {
    const domain = from.slice(from.lastIndexOf('@') + 1);
    // The option's signatures, and those the account API confirmed or verified since.
    const signed =
      signatures.some((signature) => {
        const folded = signature.toLowerCase();
        return folded.includes('@') ? folded === from : folded === domain;
      }) || context.account.allowsFrom(from);
    if (!signed) {
      return {
        errorCode: ERROR_CODES.senderSignatureNotFound,
        message: ENTITY_WORDING.senderSignatureNotFound(data.from?.email ?? ''),
      };
    }
  }
  return undefined;
}

function render(
  data: MessageData,
  context: SandboxContext,
):
  | { readonly ok: true; readonly content: RenderedContent }
  | { readonly ok: false; readonly problem: Problem } {
  const { idOrAlias, model } = data.template as NonNullable<MessageData['template']>;
  const template = context.templates.find(idOrAlias);
  // A Layout wraps templates; it is never sent itself.
  if (template === undefined || template.TemplateType === 'Layout') {
    return refuse(ERROR_CODES.templateNotFound, ENTITY_WORDING.templateNotFound(idOrAlias));
  }
  let content: RenderedContent;
  try {
    content = context.templates.render(template, model);
  } catch (error) {
    return refuse(
      ERROR_CODES.invalidRequest,
      `Template rendering failed: ${(error as Error).message}`,
    );
  }
  for (const [field, body] of [
    ['HtmlBody', content.HtmlBody],
    ['TextBody', content.TextBody],
  ] as const) {
    const problem = bodyProblem(field, body, context.limits);
    if (problem) return refuse(ERROR_CODES.invalidRequest, `The rendered ${problem}.`);
  }
  return { ok: true, content };
}

function refuse(errorCode: number, message: string): { ok: false; problem: Problem } {
  return { ok: false, problem: { errorCode, message } };
}

// Postmark's words where they are known; else the rule as the SDK states it, with its field.
function wording(issue: ValidationIssue): string {
  const field = fieldOf(issue.path);
  switch (issue.code) {
    case 'address.invalid':
    case 'address.name':
      return `Error parsing '${field}': ${issue.message}.`;
    case 'recipients.missing':
      return 'Zero recipients specified';
    case 'content.missing':
      return 'Provide either email TextBody or HtmlBody or both.';
    case 'attachment.forbiddenExtension':
      return `Forbidden attachment type: ${issue.message}.`;
    default:
      return `${issue.path === '' ? 'The message' : `'${issue.path}'`}: ${issue.message}.`;
  }
}
