import { randomUUID } from 'node:crypto';
import { deliveryOutcome } from './bounce-testing.js';
import type { SandboxContext } from './context.js';
import { writeMessageFile } from './data-dir.js';
import type { Problem } from './http.js';
import type { SandboxMessage } from './records.js';
import { type CheckedMessage, checkBodySizes, checkMessage, type MessageKind } from './rules.js';
import { type RenderedContent, renderTemplate } from './templates.js';

export type Acceptance =
  | { readonly ok: true; readonly message: SandboxMessage }
  | { readonly ok: false; readonly problem: Problem };

/**
 * Takes one message through every server-side rule — the message rules, then the template
 * (ErrorCode 1101 when unknown), then inactive recipients (406) — and stores it when all
 * pass. The size of the whole message is checked by the caller, which knows how it arrived.
 *
 * @example
 * await acceptMessage({ From: 'a@example.com', To: 'b@example.com', TextBody: 'Hi' }, 'content', context);
 * // { ok: true, message: { MessageID: '…', SubmittedAt: '…', MessageStream: 'outbound', … } }
 */
export async function acceptMessage(
  json: unknown,
  kind: MessageKind,
  context: SandboxContext,
): Promise<Acceptance> {
  const checked = checkMessage(json, kind, context);
  if (!checked.ok) return checked;
  const message = checked.message;

  let content: RenderedContent | undefined;
  if (kind === 'template') {
    const rendered = render(message, context);
    if (!rendered.ok) return rendered;
    content = rendered.content;
  }

  const now = context.now();
  const recipients = [...message.to, ...message.cc, ...message.bcc];
  const inactive = context.store.inactiveAmong(
    recipients.map((recipient) => recipient.email),
    message.stream,
    now,
  );
  if (inactive.length > 0) return { ok: false, problem: inactiveProblem(inactive) };

  // The parsed request JSON belongs to this request alone, so it is frozen in place, not copied.
  const record = deepFreeze({
    ...message.json,
    ...content,
    MessageID: randomUUID(),
    SubmittedAt: new Date(now).toISOString(),
    MessageStream: message.stream,
  } as SandboxMessage);

  const outcome = deliveryOutcome({
    messageId: record.MessageID,
    from: message.from,
    recipients,
    subject: record.Subject ?? '',
    tag: record.Tag ?? '',
    stream: message.stream,
    at: now + context.eventDelayMs,
    nextBounceId: () => context.store.nextBounceId(),
  });
  context.store.add(
    {
      message: record,
      from: message.from,
      to: message.to,
      cc: message.cc,
      bcc: message.bcc,
      receivedAt: now,
      events: outcome.events,
    },
    outcome.bounces,
  );
  if (context.dataDir !== undefined) await writeMessageFile(context.dataDir, record);
  return { ok: true, message: record };
}

function render(
  message: CheckedMessage,
  context: SandboxContext,
):
  | { readonly ok: true; readonly content: RenderedContent }
  | { readonly ok: false; readonly problem: Problem } {
  const { TemplateId, TemplateAlias, TemplateModel } = message.json;
  const ref = typeof TemplateId === 'number' ? TemplateId : String(TemplateAlias);
  const template = context.templates.find(ref);
  if (template === undefined) {
    const which = typeof ref === 'number' ? `'Id' ${ref}` : `'Alias' '${ref}'`;
    return {
      ok: false,
      problem: {
        errorCode: 1101,
        message: `The template's ${which} associated with this request is not valid or was not found.`,
      },
    };
  }
  let content: RenderedContent;
  try {
    content = renderTemplate(template, TemplateModel as Record<string, unknown>);
  } catch (error) {
    return {
      ok: false,
      problem: {
        errorCode: 300,
        message: `Template rendering failed: ${(error as Error).message}`,
      },
    };
  }
  const tooLarge = checkBodySizes(content, context.limits);
  return tooLarge ? { ok: false, problem: tooLarge } : { ok: true, content };
}

function inactiveProblem(inactive: readonly string[]): Problem {
  const unique = [...new Set(inactive)];
  return {
    errorCode: 406,
    message:
      'You tried to send to recipient(s) that have been marked as inactive. ' +
      `Found inactive addresses: ${unique.join(', ')}. ` +
      'Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.',
  };
}

// Stored messages are handed to callers; freezing keeps a test from changing the record.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
