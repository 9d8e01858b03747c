import type { Address } from '../model/types.js';
import { CLICK_LOCATIONS, PLATFORMS } from '../postmark/tracking.js';
import type { SandboxContext } from './context.js';
import { isPlainObject, type Problem } from './http.js';
import type { SandboxAgent } from './records.js';
import type { StoredEvent, StoredMessage, TrackedRecord } from './store.js';
import { announceTracked } from './webhook-events.js';

// Opens and clicks cannot happen in a sandbox by themselves: nobody reads its mail. A test
// (or the demo) says that one happened, through `sandbox.simulateOpen()`/`simulateClick()` or
// POST /sandbox/messages/{id}/opens|clicks; the sandbox checks it could have happened (the
// message was tracked and delivered to that recipient, the link is in the body), records it
// as Postmark would, and adds the Opened or LinkClicked event to the message's details.

/** Whether the message was sent with open tracking (its own setting, else the server's). */
export function tracksOpens(stored: StoredMessage, context: SandboxContext): boolean {
  return stored.message.TrackOpens ?? context.settings.get().TrackOpens;
}

/** The message's link tracking (its own setting, else the server's). */
export function trackedLinks(stored: StoredMessage, context: SandboxContext): string {
  return stored.message.TrackLinks ?? context.settings.get().TrackLinks;
}

/** The distinct links of the bodies whose links are tracked. */
export function trackedLinksSent(stored: StoredMessage, context: SandboxContext): string[] {
  const mode = trackedLinks(stored, context);
  const bodies = [
    mode === 'HtmlAndText' || mode === 'HtmlOnly' ? stored.message.HtmlBody : undefined,
    mode === 'HtmlAndText' || mode === 'TextOnly' ? stored.message.TextBody : undefined,
  ];
  return [...new Set(bodies.flatMap((body) => linksIn(body ?? '')))];
}

const LINK = /https?:\/\/[^\s"'<>]+/g;

function linksIn(body: string): string[] {
  return body.match(LINK) ?? [];
}

const invalid = (message: string): Problem => ({ errorCode: 300, message });

/** Records an open of `messageId`, or says why it could not have happened. */
export function simulateOpen(
  context: SandboxContext,
  messageId: string,
  input: unknown = {},
): TrackedRecord | Problem {
  const found = findDelivery(context, messageId, input);
  if ('errorCode' in found) return found;
  const { stored, delivered, given } = found;
  if (!tracksOpens(stored, context))
    return invalid(
      `Message '${messageId}' was sent without open tracking (TrackOpens), so no open is recorded.`,
    );
  const seconds = given.ReadSeconds;
  if (seconds !== undefined && !(Number.isInteger(seconds) && (seconds as number) >= 0))
    return invalid('ReadSeconds must be a whole number ≥ 0.');
  const recipient = delivered.recipient;
  // A lookup, not a scan of every open so far: recording stays as quick at the 10,000th.
  const firstOpen = !context.store.tracking.opened(stored, recipient);
  const client = (given.Client as SandboxAgent | undefined)?.Name;
  return record(context, 'Open', stored, delivered, given, firstOpen, {
    Summary: client ? `Opened with ${client}` : 'Opened',
  });
}

/** Records a click on a link of `messageId`, or says why it could not have happened. */
export function simulateClick(
  context: SandboxContext,
  messageId: string,
  input: unknown,
): TrackedRecord | Problem {
  const found = findDelivery(context, messageId, input);
  if ('errorCode' in found) return found;
  const { stored, delivered, given } = found;
  const mode = trackedLinks(stored, context);
  if (mode === 'None')
    return invalid(
      `Message '${messageId}' was sent without link tracking (TrackLinks), so no click is recorded.`,
    );
  const link = given.OriginalLink;
  if (typeof link !== 'string' || link === '') return invalid('OriginalLink is required.');
  const inHtml = mode !== 'TextOnly' && (stored.message.HtmlBody ?? '').includes(link);
  const inText = mode !== 'HtmlOnly' && (stored.message.TextBody ?? '').includes(link);
  const location =
    given.ClickLocation ?? (inHtml || (!inText && mode !== 'TextOnly') ? 'HTML' : 'Text');
  if (!(CLICK_LOCATIONS as readonly unknown[]).includes(location))
    return invalid(`ClickLocation must be one of ${CLICK_LOCATIONS.join(', ')}.`);
  if (!(location === 'HTML' ? inHtml : inText)) {
    const body = location === 'HTML' ? 'HTML' : 'text';
    return invalid(`OriginalLink '${link}' is not a tracked link of the message's ${body} body.`);
  }
  return record(context, 'Click', stored, delivered, { ...given, ClickLocation: location }, false, {
    Summary: `Clicked ${link}`,
    Link: link,
    ClickLocation: location as string,
  });
}

function findDelivery(context: SandboxContext, messageId: string, input: unknown) {
  if (!isPlainObject(input)) return invalid('The body must be a JSON object.');
  const problem = agentProblem(input);
  if (problem) return problem;
  const stored = context.store.message(messageId);
  if (stored === undefined)
    return { errorCode: 701, message: `Message '${messageId}' was not found.` };
  const everyone: Address[] = [...stored.to, ...stored.cc, ...stored.bcc];
  const wanted = input.Recipient ?? everyone[0]?.email;
  const recipient = everyone.find(
    (address) => address.email.toLowerCase() === String(wanted).toLowerCase(),
  );
  if (recipient === undefined)
    return invalid(`Recipient '${String(wanted)}' is not a recipient of message '${messageId}'.`);
  const delivered = stored.events.find(
    (event) => event.type === 'Delivered' && event.recipient === recipient.email,
  );
  if (delivered === undefined)
    return invalid(
      `Message '${messageId}' was not delivered to '${recipient.email}' (it bounced).`,
    );
  return { stored, delivered, given: input };
}

function agentProblem(input: Record<string, unknown>): Problem | undefined {
  for (const field of ['Recipient', 'UserAgent', 'OriginalLink', 'ClickLocation'] as const) {
    if (input[field] !== undefined && typeof input[field] !== 'string')
      return invalid(`${field} must be a string.`);
  }
  if (input.Platform !== undefined && !(PLATFORMS as readonly unknown[]).includes(input.Platform))
    return invalid(`Platform must be one of ${PLATFORMS.join(', ')}.`);
  for (const field of ['Client', 'OS', 'Geo'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (!isPlainObject(value) || Object.values(value).some((part) => typeof part !== 'string'))
      return invalid(`${field} must be an object of strings.`);
  }
  return undefined;
}

function record(
  context: SandboxContext,
  kind: 'Open' | 'Click',
  stored: StoredMessage,
  delivered: StoredEvent,
  input: Record<string, unknown>,
  firstOpen: boolean,
  details: Record<string, string>,
): TrackedRecord {
  // Not before the message reached the recipient: an open of a message still on its way
  // appears once it is delivered.
  const event: StoredEvent = {
    recipient: delivered.recipient,
    type: kind === 'Open' ? 'Opened' : 'LinkClicked',
    at: Math.max(context.now(), delivered.at),
    details: Object.freeze(details),
  };
  stored.events.push(event);
  const tracked: TrackedRecord = Object.freeze({
    kind,
    stored,
    event,
    input: Object.freeze({ ...input }) as TrackedRecord['input'],
    firstOpen,
  });
  context.store.tracking.add(tracked);
  announceTracked(context, tracked);
  return tracked;
}
