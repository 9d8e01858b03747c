import { type Acceptance, acceptMessage } from '../accept.js';
import type { SandboxContext } from '../context.js';
import { failure, isPlainObject, ok, type Reply, unprocessable } from '../http.js';
import type { Route, RouteRequest } from '../router.js';
import type { MessageKind } from '../rules.js';

/**
 * The four send endpoints. A single send answers 200 with the result or 422 with the
 * ErrorCode; a batch answers 200 with one result per message, in order, whatever failed.
 */
export const emailRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/email',
    body: 'message',
    handle: (request) => sendOne(request, 'content'),
  },
  {
    method: 'POST',
    path: '/email/withTemplate',
    body: 'message',
    handle: (request) => sendOne(request, 'template'),
  },
  {
    method: 'POST',
    path: '/email/batch',
    body: 'batch',
    handle: (request) => sendBatch(request, 'content'),
  },
  {
    method: 'POST',
    path: '/email/batchWithTemplates',
    body: 'batch',
    handle: (request) => sendBatch(request, 'template'),
  },
];

async function sendOne(request: RouteRequest, kind: MessageKind): Promise<Reply> {
  const result = await acceptMessage(request.json, kind, request.context);
  return result.ok ? ok(accepted(result, request.context)) : failure(result.problem);
}

async function sendBatch(request: RouteRequest, kind: MessageKind): Promise<Reply> {
  const messages = batchMessages(request.json, kind);
  const { limits } = request.context;
  if (messages.length > limits.maxBatchMessages) {
    throw unprocessable(
      410,
      `Too many batch messages: ${messages.length}; the maximum is ${limits.maxBatchMessages}.`,
    );
  }
  const results: unknown[] = [];
  // One after another, so messages are stored in the order they were given.
  for (const message of messages) {
    // Inside a batch each message is measured as compact JSON: its own bytes in the payload
    // depend on the sender's formatting, which says nothing about the message.
    const bytes = Buffer.byteLength(JSON.stringify(message) ?? '', 'utf8');
    if (bytes > limits.maxMessageBytes) {
      results.push({
        ErrorCode: 300,
        Message: `The message is ${bytes} bytes of JSON; the maximum is ${limits.maxMessageBytes}.`,
      });
      continue;
    }
    const result = await acceptMessage(message, kind, request.context);
    results.push(
      result.ok
        ? accepted(result, request.context)
        : { ErrorCode: result.problem.errorCode, Message: result.problem.message },
    );
  }
  return ok(results);
}

function batchMessages(json: unknown, kind: MessageKind): readonly unknown[] {
  if (kind === 'content') {
    if (!Array.isArray(json))
      throw unprocessable(403, 'The body of /email/batch must be a JSON array of messages.');
    return json;
  }
  if (!isPlainObject(json) || !Array.isArray(json.Messages)) {
    throw unprocessable(
      403,
      "The body of /email/batchWithTemplates must be a JSON object with a 'Messages' array.",
    );
  }
  return json.Messages;
}

function accepted(result: Extract<Acceptance, { ok: true }>, context: SandboxContext) {
  return {
    To: result.message.To ?? '',
    SubmittedAt: result.message.SubmittedAt,
    MessageID: result.message.MessageID,
    ErrorCode: 0,
    // What Postmark answers for the POSTMARK_API_TEST token.
    Message: context.testMode ? 'Test job accepted' : 'OK',
  };
}
