import { WebhookPayloadError, type WebhookPayloadIssue } from '../errors/webhook-payload-error.js';
import { compactBase64, isBase64 } from '../postmark/attachment.js';
import { WEBHOOK_RECORD_TYPES, type WebhookRecordTypeName } from '../postmark/webhooks.js';
import { camelize } from '../schemas/camel.js';
import { EXACT_ID_RULE } from '../schemas/ids.js';
import { type PostmarkInboundWebhook, PostmarkInboundWebhookSchema } from '../schemas/inbound.js';
import { inboundMail } from '../schemas/inbound-mail.js';
import * as v from '../schemas/v.js';
import {
  type PostmarkWebhookEvent,
  PostmarkWebhookEventSchema,
} from '../schemas/webhook-events.js';
import { issueWording } from '../schemas/wording.js';
import { decodeBase64 } from '../utils/base64.js';
import { isPlainObject } from '../utils/own.js';
import type {
  WebhookEvent,
  WebhookInboundAttachment,
  WebhookInboundEvent,
  WebhookMetadata,
} from './events.js';

/**
 * Reads one webhook payload of Postmark — the JSON text, or the value `JSON.parse` made of it —
 * into a checked event: `recordType` tells which (`Delivery`, `Bounce`, `SpamComplaint`,
 * `Open`, `Click`, `SubscriptionChange`; `Inbound` for an inbound message, which Postmark
 * posts without a RecordType), fields in camelCase, dates as `Date`s. Fields Postmark adds
 * later come through; a RecordType this version does not know gives an `Unknown` event. A
 * payload that is not a Postmark event throws a `WebhookPayloadError` listing every problem.
 *
 * @example
 * const event = parseWebhook(await request.text());
 * if (event.recordType === 'Bounce' && event.inactive) await disable(event.email);
 */
export function parseWebhook(json: unknown): WebhookEvent {
  const payload = typeof json === 'string' ? readJson(json) : json;
  if (!isPlainObject(payload)) {
    throw invalid('', 'a webhook payload is a JSON object', 'Object', kindOf(payload));
  }
  const recordType = payload.RecordType ?? undefined;
  if (recordType === undefined && !looksInbound(payload))
    throw invalid('RecordType', `is missing: ${INBOUND_HINT}`, 'string', 'undefined');
  if (recordType === undefined || recordType === 'Inbound') return inbound(payload);
  if (typeof recordType !== 'string')
    throw invalid('RecordType', 'must be a string', 'string', kindOf(recordType));
  if (!(WEBHOOK_RECORD_TYPES as readonly string[]).includes(recordType)) {
    return Object.freeze({
      recordType: 'Unknown',
      postmarkRecordType: recordType,
      payload: Object.freeze({ ...payload }),
    });
  }
  return outbound(exactIds(checked(PostmarkWebhookEventSchema, payload)));
}

function readJson(text: string): unknown {
  try {
    // A byte order mark is not JSON, but it may lead a body that was read as text.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid('', `is not JSON (${(error as Error).message})`);
  }
}

function checked<T>(schema: v.GenericSchema<unknown, T>, payload: unknown): T {
  const result = v.safeParse(schema, payload);
  if (result.success) return result.output;
  throw new WebhookPayloadError(result.issues.map(toIssue));
}

function toIssue(issue: v.BaseIssue<unknown>): WebhookPayloadIssue {
  const path = (v.getDotPath(issue) ?? '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  return {
    path,
    message: issueWording(issue),
    ...(issue.expected === null ? {} : { expected: issue.expected }),
    received: issue.received,
  };
}

// A rounded ID names another bounce, so it is refused (why: src/schemas/ids.ts).
const ID_FIELDS = ['ID', 'ServerID'] as const;

function exactIds(raw: PostmarkWebhookEvent): PostmarkWebhookEvent {
  const issues = ID_FIELDS.flatMap((path): WebhookPayloadIssue[] => {
    const id: unknown = (raw as Record<string, unknown>)[path];
    if (typeof id !== 'number' || Number.isSafeInteger(id)) return [];
    return [{ path, message: EXACT_ID_RULE, expected: 'safe integer', received: String(id) }];
  });
  if (issues.length > 0) throw new WebhookPayloadError(issues);
  return raw;
}

// Every outbound event: camelCase, except the metadata, whose keys are the sender's.
function outbound(raw: PostmarkWebhookEvent): WebhookEvent {
  const { Metadata, ...fields } = raw as PostmarkWebhookEvent & {
    RecordType: WebhookRecordTypeName;
  };
  return Object.freeze({
    ...camelize<Record<string, unknown>>(fields),
    metadata: metadataOf(Metadata),
  }) as unknown as WebhookEvent;
}

function metadataOf(
  metadata: Readonly<Record<string, unknown>> | null | undefined,
): WebhookMetadata {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) copy[key] = String(value);
  return Object.freeze(copy);
}

const INBOUND_HINT =
  'a Postmark event has a RecordType (Delivery, Bounce, SpamComplaint, Open, Click, SubscriptionChange); an inbound message has a MessageID and a From (or FromFull)';

const given = (value: unknown) => value !== undefined && value !== null;
const hasSender = (payload: Record<string, unknown>) =>
  given(payload.From) || given(payload.FromFull);

// Inbound mail is the one payload without a RecordType, so it is known by its shape: both a
// MessageID and a sender. A MessageID alone is any outbound event that lost its RecordType.
function looksInbound(payload: Record<string, unknown>): boolean {
  return given(payload.MessageID) && hasSender(payload);
}

function inbound(payload: Record<string, unknown>): WebhookInboundEvent {
  // `fromFull` is always there: it is FromFull, or read from the From header.
  if (!hasSender(payload))
    throw invalid(
      'From',
      'is missing: an inbound message has a From or a FromFull',
      'string',
      kindOf(payload.From),
    );
  const raw: PostmarkInboundWebhook = checked(PostmarkInboundWebhookSchema, payload);
  const mail = inboundMail(raw);
  return Object.freeze({
    ...mail,
    recordType: 'Inbound',
    headers: mail.headers ?? Object.freeze([]),
    attachments: Object.freeze((raw.Attachments ?? []).map(attachment)),
  }) as unknown as WebhookInboundEvent;
}

function attachment(
  raw: NonNullable<PostmarkInboundWebhook['Attachments']>[number],
  index: number,
): WebhookInboundAttachment {
  const fields = camelize<Omit<WebhookInboundAttachment, 'bytes'>>(raw);
  const content = raw.Content ?? undefined;
  return Object.freeze({
    ...fields,
    bytes(): Uint8Array {
      if (content === undefined) return new Uint8Array(0);
      if (!isBase64(content))
        throw invalid(`Attachments[${index}].Content`, 'is not base64', 'base64', 'text');
      return decodeBase64(compactBase64(content));
    },
  });
}

function invalid(
  path: string,
  message: string,
  expected?: string,
  received?: string,
): WebhookPayloadError {
  return new WebhookPayloadError([
    {
      path,
      message,
      ...(expected === undefined ? {} : { expected }),
      ...(received === undefined ? {} : { received }),
    },
  ]);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  return typeof value;
}
