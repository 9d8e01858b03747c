import { isApiError } from '../errors/api-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { type PollOptions, readPollOptions, WAIT_DEFAULTS } from '../options/wait.js';
import { ERROR_CODES } from '../postmark/error-codes.js';
import { MESSAGE_EVENT_TYPES } from '../postmark/message-events.js';
import { poll, pollDelay } from '../utils/poll.js';
import { suggest } from '../utils/read-options.js';
import type { MessageDetails, MessageEventType } from './message-results.js';

/** An event type to wait for, such as `Delivered` (one of Postmark's, checked at the call). */
export type WaitForEvent = MessageEventType;

/**
 * How `messages.waitFor()` waits.
 *
 * @example
 * await server.messages.waitFor(messageId, { until: ['Delivered'], timeout: 30_000, signal });
 */
export interface WaitForOptions extends PollOptions {
  /**
   * When to stop: event types, of which **every recipient** must have one (default
   * `['Delivered', 'Bounced']`), or a predicate over the details, called after each check.
   */
  readonly until?:
    | WaitForEvent
    | readonly WaitForEvent[]
    | ((details: MessageDetails) => boolean)
    | undefined;
}

export const WAIT_FOR_DEFAULTS = Object.freeze({
  until: Object.freeze(['Delivered', 'Bounced']) as readonly WaitForEvent[],
  ...WAIT_DEFAULTS,
});

export { pollDelay };

/**
 * Polls `fetchDetails` until the `until` condition holds, and resolves to those details.
 *
 * - ErrorCode 701 (message not found) counts as "not yet": right after a send Postmark may
 *   not show the message. A wait that ends while it still answers 701 says so, since a
 *   mistyped id looks the same.
 * - Any other error (after the request layer's own retries) ends the wait at once.
 * - `timeout` covers the whole wait, a check in flight included: it then rejects with a
 *   `TimeoutError` naming the condition and what the last check saw.
 *
 * @example
 * const details = await waitForMessage((signal) => api.details(id, { signal }), id, { timeout: 5000 });
 */
export async function waitForMessage(
  fetchDetails: (signal: AbortSignal) => Promise<MessageDetails>,
  messageId: string,
  options: WaitForOptions = {},
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>,
): Promise<MessageDetails> {
  const what = `messages.waitFor('${messageId}')`;
  const { settings, until: given } = readPollOptions(what, options);
  const until = readUntil(what, given as WaitForOptions['until']);
  const done = condition(until);
  let last = 'no answer yet';
  return poll(
    async (signal) => {
      const details = await fetchDetails(signal).catch((error: unknown) => {
        if (isApiError(error) && error.errorCode === ERROR_CODES.messageNotFound) return undefined;
        throw error;
      });
      if (details !== undefined && done(details)) return details;
      last =
        details === undefined
          ? 'Postmark does not know the message (ErrorCode 701)'
          : seen(details);
      return undefined;
    },
    settings,
    () =>
      new TimeoutError(
        `${what}: no ${describe(until)} within ${settings.timeout} ms; last check: ${last}`,
        { timeout: settings.timeout },
      ),
    sleep,
  );
}

type Until = readonly WaitForEvent[] | ((details: MessageDetails) => boolean);

function readUntil(what: string, until: WaitForOptions['until']): Until {
  if (until === undefined) return WAIT_FOR_DEFAULTS.until;
  if (typeof until === 'function') return until;
  const types = typeof until === 'string' ? [until] : until;
  if (
    !Array.isArray(types) ||
    types.length === 0 ||
    !types.every((type) => typeof type === 'string' && type !== '')
  ) {
    throw new TypeError(
      `${what}: until must be an event type, a non-empty list of them (such as ['Delivered', 'Bounced']) or a function`,
    );
  }
  for (const type of types) {
    if (!(MESSAGE_EVENT_TYPES as readonly string[]).includes(type)) {
      // A misspelt type would never match: the wait would run to its timeout.
      throw new RangeError(
        `${what}: until '${type}' is not an event type${suggest(type, MESSAGE_EVENT_TYPES)}; use ${MESSAGE_EVENT_TYPES.join(', ')}`,
      );
    }
  }
  return Object.freeze([...types]);
}

function condition(until: Until): (details: MessageDetails) => boolean {
  if (typeof until === 'function') return until;
  return (details) => {
    const covered = new Set(
      details.events
        .filter((event) => (until as readonly string[]).includes(event.type))
        .map((event) => event.recipient.toLowerCase()),
    );
    const recipients =
      details.recipients.length > 0
        ? details.recipients
        : [...details.to, ...details.cc, ...details.bcc].map((contact) => contact.email);
    // A message that lists no recipient is done at the first matching event.
    if (recipients.length === 0) return covered.size > 0;
    return recipients.every((recipient) => covered.has(recipient.toLowerCase()));
  };
}

function describe(until: Until): string {
  if (typeof until === 'function') return 'details matching `until`';
  return `${until.join(' or ')} event for every recipient`;
}

function seen(details: MessageDetails): string {
  const events = details.events.map((event) => `${event.type} (${event.recipient})`);
  return `status ${details.status}, ${events.length === 0 ? 'no events' : `events ${events.join(', ')}`}`;
}
