import { ApiError } from '../errors/api-error.js';
import { acceptedAnswer } from '../postmark/answers.js';
import { ERROR_CODES } from '../postmark/error-codes.js';
import type { Transport, TransportRequest, TransportResponse } from './types.js';

type Json = Record<string, unknown>;

/**
 * The messages a send request carries, by endpoint; `undefined` for a request that is not
 * a send (or a body that is not what the endpoint takes).
 */
export function messagesOf(path: string, body: unknown): Json[] | undefined {
  const isObject = (value: unknown): value is Json =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  switch (path) {
    case '/email':
    case '/email/withTemplate':
      return isObject(body) ? [body] : undefined;
    case '/email/batch':
      return Array.isArray(body) && body.every(isObject) ? body : undefined;
    case '/email/batchWithTemplates': {
      const list = isObject(body) ? body.Messages : undefined;
      return Array.isArray(list) && list.every(isObject) ? list : undefined;
    }
    default:
      return undefined;
  }
}

/** True for the endpoints that answer with an array, one element per message. */
export function isBatchPath(path: string): boolean {
  return path === '/email/batch' || path === '/email/batchWithTemplates';
}

/** The To of a message as Postmark echoes it. */
export function toOf(message: Json): string {
  return typeof message.To === 'string' ? message.To : '';
}

/** A JSON answer. */
export function jsonResponse(status: number, body: unknown): TransportResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** True for a request the dry run answers: a send (or a bulk request) with a body it takes. */
export function isDryRunSend(request: TransportRequest, body: unknown): boolean {
  if (request.method !== 'POST') return false;
  return request.path === '/email/bulk' || messagesOf(request.path, body) !== undefined;
}

/** What Postmark would answer to a send that it accepts whole; 404 for anything else. */
export function dryRunAnswer(request: TransportRequest, body: unknown): TransportResponse {
  if (request.method === 'POST' && request.path === '/email/bulk') {
    // A bulk request is answered with its id; its copies are Postmark's to make, later.
    const id = globalThis.crypto.randomUUID();
    return jsonResponse(200, { ID: id, Status: 'Accepted', SubmittedAt: new Date().toISOString() });
  }
  const messages = messagesOf(request.path, body);
  if (request.method !== 'POST' || messages === undefined) {
    const json = request.method === 'POST' && body !== undefined;
    return jsonResponse(json ? 422 : 404, {
      ErrorCode: json ? ERROR_CODES.invalidJson : ERROR_CODES.ok,
      Message: `the dry run answers only the send endpoints (got ${request.method} ${request.path})`,
    });
  }
  const now = new Date();
  const answers = messages.map((message) => acceptedAnswer(toOf(message), { now }));
  return jsonResponse(200, isBatchPath(request.path) ? answers : answers[0]);
}

const textDecoder = new TextDecoder();

/** The request's JSON body, or `undefined` when it has none or it is not JSON. */
export function readJsonBody(request: TransportRequest): unknown {
  const { body } = request;
  if (body === undefined) return undefined;
  try {
    return JSON.parse(typeof body === 'string' ? body : textDecoder.decode(body));
  } catch {
    return undefined;
  }
}

/**
 * The error for a request the dry run cannot answer. Nothing reached Postmark, so it is not
 * worded as Postmark's answer: an `ApiError` with status 404 (no such endpoint here) and no
 * ErrorCode, which the request layer throws as it is, never retried.
 */
export function dryRunRefusal(request: TransportRequest): ApiError {
  const label = `${request.method} ${request.path}`;
  return new ApiError(
    { status: 404, request: label },
    `${label}: the dry run (POSTMARK_TEST_MODE) answers only the send endpoints; ${label} was not sent to Postmark`,
  );
}

/**
 * A transport that answers every send the way Postmark answers one it accepts (a fresh
 * MessageID, the To, the time; a bulk request an id and `Accepted`), and sends nothing: what `POSTMARK_TEST_MODE` selects.
 * Client-side validation still runs, so invalid messages fail as they would for real. Any
 * other request (a read, an Account call) rejects with `dryRunRefusal`'s `ApiError`.
 *
 * @example
 * const mailer = new Sender({ serverToken: 'POSTMARK_API_TEST', transport: dryRunTransport() });
 */
export function dryRunTransport(): Transport {
  return Object.freeze({
    request: async (request: TransportRequest) => {
      request.signal?.throwIfAborted();
      const body = readJsonBody(request);
      if (!isDryRunSend(request, body)) throw dryRunRefusal(request);
      return dryRunAnswer(request, body);
    },
  });
}
