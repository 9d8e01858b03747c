/** A message of a batch that Postmark accepted. */
export interface BatchSuccess {
  readonly status: 'sent';
  /** Its position in the list given to `sendBatch()`. */
  readonly index: number;
  readonly messageId: string;
  readonly submittedAt: Date;
  readonly to: string;
}

/** A message of a batch that was not sent, or whose fate is unknown (see `message`). */
export interface BatchFailure {
  readonly status: 'failed';
  /** Its position in the list given to `sendBatch()`. */
  readonly index: number;
  /** Postmark's ErrorCode; absent when the message never left (it was invalid) or no code came back. */
  readonly errorCode?: number;
  readonly message: string;
  /** The typed error: MessageValidationError, ApiError (and subclasses), NetworkError, TimeoutError; or the abort reason. */
  readonly error: Error;
}

export type BatchEntry = BatchSuccess | BatchFailure;
