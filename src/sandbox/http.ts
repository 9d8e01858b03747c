/** What a route answers: an HTTP status and a body the server sends as JSON. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** A rule broken by one message: Postmark's `ErrorCode` and a human-readable `Message`. */
export interface Problem {
  readonly errorCode: number;
  readonly message: string;
}

/**
 * A Postmark API error, thrown by a route and answered by the server as
 * `{ ErrorCode, Message }` with `status` (422 unless Postmark uses another status).
 */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  readonly status: number;
  readonly errorCode: number;

  constructor(status: number, errorCode: number, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** 200 with `body`. */
export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** Postmark's error body for a broken rule, with HTTP 422 unless told otherwise. */
export function failure(problem: Problem, status = 422): Reply {
  return { status, body: { ErrorCode: problem.errorCode, Message: problem.message } };
}

/** Shorthand: a 422 `ApiFailure` to throw from a route. */
export function unprocessable(errorCode: number, message: string): ApiFailure {
  return new ApiFailure(422, errorCode, message);
}

/** True for a JSON object that is neither an array nor null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
