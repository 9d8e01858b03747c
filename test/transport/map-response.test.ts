import { describe, expect, it } from 'vitest';
import {
  ApiError,
  InactiveRecipientError,
  InvalidTokenError,
  isApiError,
  RateLimitError,
  ServerError,
} from '../../src/index.js';
import { inactiveRecipients } from '../../src/postmark/error-codes.js';
import { errorFromResponse, parseBody } from '../../src/transport/map-response.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('errorFromResponse', () => {
  it.each([
    [401, { ErrorCode: 10, Message: 'bad token' }, InvalidTokenError],
    [401, 'Unauthorized', InvalidTokenError],
    [422, { ErrorCode: 10, Message: 'bad token' }, InvalidTokenError],
    [422, { ErrorCode: 406, Message: 'inactive' }, InactiveRecipientError],
    [422, { ErrorCode: 300, Message: 'Invalid email request' }, ApiError],
    [413, 'Request Entity Too Large', ApiError],
    [404, { ErrorCode: 701, Message: 'no such message' }, ApiError],
    [429, { ErrorCode: 429, Message: 'Rate limit exceeded.' }, RateLimitError],
    [429, '', RateLimitError],
    [500, 'Internal Server Error', ServerError],
    [503, '<html>down</html>', ServerError],
  ])('%i %j → %o', (status, body, expected) => {
    const error = errorFromResponse(answer(status, body), 'POST /email');
    expect(error.constructor).toBe(expected);
    expect(error.status).toBe(status);
  });

  it('keeps ErrorCode, Message and the parsed body', () => {
    const error = errorFromResponse(
      answer(422, { ErrorCode: 300, Message: "Invalid 'From' address.", Extra: 1 }),
      'POST /email',
    );
    expect(error).toMatchObject({
      errorCode: 300,
      apiMessage: "Invalid 'From' address.",
      body: { ErrorCode: 300, Extra: 1 },
    });
    expect(error.message).toBe(
      "POST /email: Postmark answered 422, ErrorCode 300: Invalid 'From' address.",
    );
  });

  it('keeps a body that is not JSON as text', () => {
    const error = errorFromResponse(
      answer(502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }),
      'POST /email',
    );
    expect(error.body).toBe('<html>Bad Gateway</html>');
    expect(error.errorCode).toBeUndefined();
    expect(error.apiMessage).toBeUndefined();
    expect(error.message).toContain('<html>Bad Gateway</html>');
  });

  it('reads Retry-After into retryAfterMs', () => {
    expect(
      errorFromResponse(answer(429, '', { 'retry-after': '7' }), 'POST /email').retryAfterMs,
    ).toBe(7000);
    expect(errorFromResponse(answer(429, ''), 'POST /email').retryAfterMs).toBeUndefined();
  });

  it('gives InactiveRecipientError the addresses Postmark named', () => {
    const message =
      'You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: ada@example.com, bob.jr@example.co.uk. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.';
    const error = errorFromResponse(
      answer(422, { ErrorCode: 406, Message: message }),
      'POST /email',
    );
    expect(isApiError(error)).toBe(true);
    expect((error as InactiveRecipientError).recipients).toEqual([
      'ada@example.com',
      'bob.jr@example.co.uk',
    ]);
  });
});

describe('a refused token', () => {
  it('names the token the endpoint needs, for the kind of token the request carried', () => {
    const refused = answer(401, {
      ErrorCode: 10,
      Message: 'The Server Token you provided ... was invalid.',
    });
    const server = errorFromResponse(refused, 'POST /email', 0, 'server');
    expect(server).toBeInstanceOf(InvalidTokenError);
    expect(server.message).toBe(
      "POST /email: Postmark answered 401, ErrorCode 10: The Server Token you provided ... was invalid; this endpoint needs a server token (X-Postmark-Server-Token, from the server's API Tokens tab in Postmark; an account token is refused here)",
    );
    expect(server.errorCode).toBe(10);
    expect(errorFromResponse(refused, 'GET /servers', 0, 'account').message).toMatch(
      /this endpoint needs an account token \(X-Postmark-Account-Token, .*a server token is refused here\)$/,
    );
    // Other errors are left as they are.
    expect(
      errorFromResponse(answer(422, { ErrorCode: 300, Message: 'x' }), 'POST /email', 0, 'server')
        .message,
    ).not.toMatch(/needs/);
  });
});

describe('inactiveRecipients', () => {
  it('reads one address, and none from an unrelated message', () => {
    expect(
      inactiveRecipients('Found inactive addresses: a@example.com. Inactive recipients are ...'),
    ).toEqual(['a@example.com']);
    expect(inactiveRecipients('nothing here')).toEqual([]);
    expect(inactiveRecipients(undefined)).toEqual([]);
  });
});

describe('parseBody', () => {
  it('parses JSON and keeps anything else as text', () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody('oops {')).toBe('oops {');
    expect(parseBody('')).toBe('');
  });
});
