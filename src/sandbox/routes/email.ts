import { acceptedAnswer } from '../../postmark/answers.js';
import { ERROR_CODES } from '../../postmark/error-codes.js';
import { type Acceptance, acceptMessage, type Endpoint } from '../accept.js';
import type { SandboxContext } from '../context.js';
import { failure, isPlainObject, ok, type Reply, unprocessable } from '../http.js';
import type { Route, RouteRequest } from '../router.js';

/**
 * The four send endpoints. A single send answers 200 with the result or 422 with the
 * ErrorCode; a batch answers 200 with one result per message, in order, whatever failed.
 */
export const emailRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/email',
    body: 'message',
    handle: (request) => sendOne(request, 'email'),
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
    handle: (request) => sendBatch(request, 'email'),
  },
  {
    method: 'POST',
    path: '/email/batchWithTemplates',
    body: 'batch',
    handle: (request) => sendBatch(request, 'template'),
  },
];

async function sendOne(request: RouteRequest, kind: Endpoint): Promise<Reply> {
  const result = await acceptMessage(request.json, kind, request.context);
  return result.ok ? ok(accepted(result, request.context)) : failure(result.problem);
}

async function sendBatch(request: RouteRequest, kind: Endpoint): Promise<Reply> {
  const messages = batchMessages(request.json, kind);
  const { limits } = request.context;
  if (messages.length > limits.maxBatchMessages) {
    throw unprocessable(
      ERROR_CODES.tooManyBatchMessages,
      `Too many batch messages: ${messages.length}; the maximum is ${limits.maxBatchMessages}.`,
    );
  }
  const results: unknown[] = [];
  // One after another, so messages are stored in the order they were given.
  for (const message of messages) {
    const result = await acceptMessage(message, kind, request.context);
    results.push(
      result.ok
        ? accepted(result, request.context)
        : { ErrorCode: result.problem.errorCode, Message: result.problem.message },
    );
  }
  return ok(results);
}

function batchMessages(json: unknown, kind: Endpoint): readonly unknown[] {
  if (kind === 'email') {
    if (!Array.isArray(json))
      throw unprocessable(
        ERROR_CODES.incompatibleJson,
        'The body of /email/batch must be a JSON array of messages.',
      );
    return json;
  }
  if (!isPlainObject(json) || !Array.isArray(json.Messages)) {
    throw unprocessable(
      ERROR_CODES.incompatibleJson,
      "The body of /email/batchWithTemplates must be a JSON object with a 'Messages' array.",
    );
  }
  return json.Messages;
}

function accepted(result: Extract<Acceptance, { ok: true }>, context: SandboxContext) {
  const { To, SubmittedAt, MessageID } = result.message;
  return acceptedAnswer(typeof To === 'string' ? To : '', {
    now: new Date(SubmittedAt),
    messageId: MessageID,
    testMode: context.testMode,
  });
}
