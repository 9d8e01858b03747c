import { DEFAULT_STREAM } from '../../postmark/answers.js';
import {
  BULK_MESSAGES_JSON,
  BULK_PER_RECIPIENT_JSON,
  BULK_STREAM_TYPE,
  BULK_RECIPIENT_FIELDS as R,
} from '../../postmark/bulk.js';
import { ENTITY_WORDING, ERROR_CODES } from '../../postmark/error-codes.js';
import { TEMPLATE_ID_JSON } from '../../postmark/fields.js';
import { acceptMessage, type Endpoint } from '../accept.js';
import { bulkRecord, spreadDelivery } from '../bulk-store.js';
import type { SandboxContext } from '../context.js';
import { isPlainObject, ok, type Reply, unprocessable } from '../http.js';
import type { Route, RouteRequest } from '../router.js';
import { testState } from '../server-state.js';
import { renderParts } from '../templates.js';

/**
 * The Bulk API: one content, many recipients, through a Broadcasts stream. A request is
 * checked whole first (every copy it would make, by the rules of a send); then one message
 * per recipient is stored, rendered with that recipient's model, each with its delivery
 * events spread over `eventDelayMs`, so its status goes Accepted, Processing, Completed.
 */
export const bulkRoutes: readonly Route[] = [
  { method: 'POST', path: '/email/bulk', body: 'bulk', handle: sendBulk },
  {
    method: 'GET',
    path: '/email/bulk/:id',
    body: 'none',
    handle: ({ params, context }) => {
      const id = params.id ?? '';
      const bulk = context.bulks.get(id);
      // Postmark answers 404 ("Entity doesn't exist") for what it does not have.
      if (bulk === undefined)
        return { status: 404, body: { Message: ENTITY_WORDING.bulkNotFound(id) } };
      return ok(bulkRecord(bulk, context.store, context.now()));
    },
  },
];

async function sendBulk({ json, context }: RouteRequest): Promise<Reply> {
  if (!isPlainObject(json) || !Array.isArray(json[BULK_MESSAGES_JSON])) {
    throw unprocessable(
      ERROR_CODES.incompatibleJson,
      `The body of /email/bulk must be a JSON object with a '${BULK_MESSAGES_JSON}' array.`,
    );
  }
  const entries = json[BULK_MESSAGES_JSON] as unknown[];
  if (entries.length === 0)
    throw unprocessable(ERROR_CODES.invalidRequest, 'Zero recipients specified');
  checkStream(json, context);
  const endpoint: Endpoint =
    json[TEMPLATE_ID_JSON] !== undefined || json.TemplateAlias !== undefined ? 'template' : 'email';
  const content: Record<string, unknown> = {};
  for (const key of Object.keys(json))
    if (key !== BULK_MESSAGES_JSON && !BULK_PER_RECIPIENT_JSON.has(key)) content[key] = json[key];
  const copies = entries.map((entry, i) => copyFor(content, entry, endpoint, i));

  // Every copy first, in a throwaway state: a request is taken whole or refused whole.
  const scratch = testState(context);
  for (const [i, copy] of copies.entries()) {
    const result = await acceptMessage(copy, endpoint, scratch);
    if (!result.ok)
      throw unprocessable(
        result.problem.errorCode,
        `${BULK_MESSAGES_JSON}[${i}]: ${result.problem.message}`,
      );
  }
  const now = context.now();
  const answer = (id: string) =>
    ok({ ID: id, Status: 'Accepted', SubmittedAt: new Date(now).toISOString() });
  if (context.testMode) return answer(globalThis.crypto.randomUUID());

  // A suppressed or inactive recipient gets no copy, as Postmark skips them in a broadcast.
  const messageIds: string[] = [];
  for (const copy of copies) {
    const result = await acceptMessage(copy, endpoint, context);
    if (result.ok) messageIds.push(result.message.MessageID);
  }
  spreadDelivery(context.store, messageIds, now, context.eventDelayMs);
  const bulk = context.bulks.add({
    submittedAt: now,
    subject: subjectOf(content, endpoint, context),
    total: copies.length,
    messageIds,
  });
  return answer(bulk.id);
}

// Bulk sends go only through a Broadcasts stream; the server's default is transactional.
function checkStream(json: Record<string, unknown>, context: SandboxContext): void {
  const id = typeof json.MessageStream === 'string' ? json.MessageStream : DEFAULT_STREAM;
  const stream = context.streams.get(id);
  // An unknown or archived stream is refused by the send rules, as for any message.
  if (stream === undefined || stream.archivedAt !== null || stream.type === BULK_STREAM_TYPE)
    return;
  throw unprocessable(
    ERROR_CODES.bulkNeedsBroadcastStream,
    ENTITY_WORDING.bulkNeedsBroadcastStream(id, stream.type),
  );
}

/**
 * The message Postmark makes for one recipient: the content, the recipient's addresses, its
 * metadata laid over the content's and its headers over the content's (by name), and its
 * model: a template's, or the content's own subject and bodies rendered with it.
 */
function copyFor(
  content: Record<string, unknown>,
  entry: unknown,
  endpoint: Endpoint,
  index: number,
): Record<string, unknown> {
  if (!isPlainObject(entry))
    throw unprocessable(
      ERROR_CODES.incompatibleJson,
      `${BULK_MESSAGES_JSON}[${index}] must be a JSON object.`,
    );
  const copy: Record<string, unknown> = { ...content };
  for (const field of [R.to, R.cc, R.bcc])
    if (entry[field] !== undefined) copy[field] = entry[field];
  const metadata = entry[R.metadata];
  if (metadata !== undefined)
    copy.Metadata =
      isPlainObject(metadata) && isPlainObject(content.Metadata)
        ? { ...content.Metadata, ...metadata }
        : metadata;
  const headers = entry[R.headers];
  if (headers !== undefined) copy.Headers = mergeHeaders(content.Headers, headers);
  const model = entry[R.model];
  if (endpoint === 'template') {
    // A recipient without a model renders the template with none (Postmark's is optional).
    copy.TemplateModel = model ?? {};
    return copy;
  }
  if (model === undefined) return copy;
  if (!isPlainObject(model))
    throw unprocessable(
      ERROR_CODES.incompatibleJson,
      `${BULK_MESSAGES_JSON}[${index}].TemplateModel must be a JSON object.`,
    );
  return { ...copy, ...render(content, model, index) };
}

// The content's subject and bodies, rendered as template parts are (mustache).
function render(content: Record<string, unknown>, model: Record<string, unknown>, index: number) {
  const parts: Record<string, string> = {};
  for (const field of ['Subject', 'HtmlBody', 'TextBody'])
    if (typeof content[field] === 'string') parts[field] = content[field] as string;
  try {
    const rendered = renderParts(parts, model);
    return Object.fromEntries(
      Object.keys(parts).map((field) => [field, rendered[field as keyof typeof rendered]]),
    );
  } catch (error) {
    throw unprocessable(
      ERROR_CODES.invalidRequest,
      `${BULK_MESSAGES_JSON}[${index}]: rendering failed: ${(error as Error).message}`,
    );
  }
}

function mergeHeaders(base: unknown, own: unknown): unknown {
  if (!Array.isArray(base) || !Array.isArray(own)) return own;
  const name = (header: unknown) =>
    isPlainObject(header) && typeof header.Name === 'string' ? header.Name.toLowerCase() : '';
  const names = new Set(own.map(name));
  return [...base.filter((header) => !names.has(name(header))), ...own];
}

function subjectOf(
  content: Record<string, unknown>,
  endpoint: Endpoint,
  context: SandboxContext,
): string {
  if (endpoint === 'email') return typeof content.Subject === 'string' ? content.Subject : '';
  const ref = content[TEMPLATE_ID_JSON] ?? content.TemplateAlias;
  const template =
    typeof ref === 'number' || typeof ref === 'string' ? context.templates.find(ref) : undefined;
  return template?.Subject ?? '';
}
