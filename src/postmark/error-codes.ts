// Postmark's ErrorCodes and the words it answers them with, for the SDK (which reads them),
// the test transports and the sandbox (which write them). From Postmark's API reference
// (shared/reference/postmark-api.md); wording in quotes is Postmark's own.

/** The ErrorCodes the SDK and the sandbox name. */
export const ERROR_CODES = Object.freeze({
  ok: 0,
  invalidToken: 10,
  maintenance: 100,
  invalidRequest: 300,
  senderSignatureNotFound: 400,
  senderSignatureNotConfirmed: 401,
  invalidJson: 402,
  incompatibleJson: 403,
  notAllowedToSend: 405,
  inactiveRecipient: 406,
  jsonRequired: 409,
  tooManyBatchMessages: 410,
  forbiddenAttachment: 411,
  accountPending: 412,
  accountMayNotSend: 413,
  rateLimited: 429,
  // The account API's codes, with Postmark's titles for them (its API error code table).
  /** "Sender Signature not found by id" */
  senderNotFound: 501,
  /** "Sender Signature already exists" */
  senderExists: 504,
  /** "DKIM already scheduled for renewal" (a recorded answer: "This DKIM is already being renewed.") */
  dkimRenewing: 505,
  /** "This Sender Signature already confirmed" (a confirmation resent to a confirmed signature) */
  senderConfirmed: 506,
  /** "This domain was not found" */
  domainNotFound: 510,
  /** "Invalid fields supplied" */
  invalidFields: 511,
  /** "Domain already exists" */
  domainExists: 512,
  /** "Name is a required field to create a Domain" */
  domainNameRequired: 514,
  /** "Name format is invalid" (of a domain) */
  domainNameInvalid: 516,
  /** "You are missing a required field to create a Sender Signature." */
  senderFieldMissing: 520,
  /** "Value for field is invalid." (of a sender signature: an address or a domain) */
  senderFieldInvalid: 522,
  /** "Server does not exist" */
  serverNotFound: 601,
  /** "Server name already exists" */
  serverNameExists: 603,
  /**
   * "Unable to delete Server". The sandbox answers it for its own server (the one its `token`
   * reaches), which it keeps: that use is the sandbox's, not Postmark's.
   */
  cannotDeleteServer: 605,
  /** "Server name missing or invalid" */
  serverNameInvalid: 608,
  messageNotFound: 701,
  /**
   * Postmark: "Could not bypass this blocked inbound message". Answered by the sandbox for a
   * bypass of a message that is not blocked: that use is unconfirmed.
   */
  cannotBypass: 702,
  /** Postmark: "Could not retry this failed inbound message"; likewise unconfirmed for a message that has not failed. */
  cannotRetry: 703,
  /** Postmark: "No trigger data received." (an inbound rule without a body). */
  noTriggerData: 809,
  /** Postmark: "This inbound rule already exists." */
  inboundRuleExists: 810,
  /** Postmark: "This inbound rule was not found." */
  inboundRuleNotFound: 812,
  /** Postmark: "Not a valid email address or domain." */
  invalidInboundRule: 813,
  bounceNotFound: 1000,
  cannotActivate: 1003,
  templateNotFound: 1101,
  /** Unconfirmed: Postmark gives 1221–1237 to message streams without naming each. */
  invalidStreamId: 1221,
  /** Unconfirmed: a stream with this id exists (archived ones too). */
  streamIdTaken: 1222,
  /** Unconfirmed: a MessageStreamType that cannot be created (Inbound). */
  streamTypeNotCreatable: 1223,
  streamNotFound: 1235,
  /**
   * Unconfirmed (number and words): archiving a default stream, which Postmark says cannot
   * be deleted; in the 1221–1237 family of stream codes.
   */
  defaultStreamNotArchivable: 1226,
  /** Unconfirmed: a send through an archived stream. */
  streamArchived: 1236,
  /** Unconfirmed: a send through a stream that does not send (the Inbound stream). */
  streamNotForSending: 1237,
  /**
   * Unconfirmed (number and words): a bulk send through a stream that is not a Broadcasts
   * stream. Postmark says bulk sends go only to Broadcasts streams without publishing the
   * refusal; the sandbox answers this, in the same family as 1237.
   */
  bulkNeedsBroadcastStream: 1237,
  // The Webhooks API's codes are not in Postmark's published list; these numbers and words
  // come from a third-party table of Postmark's answers. All unconfirmed.
  /** Unconfirmed: a webhook on an inbound stream (Postmark: webhooks are for Transactional and Broadcasts streams). */
  webhookOnInboundStream: 1351,
  /** Unconfirmed: "The webhook for the provided 'ID' was not found." */
  webhookNotFound: 1352,
  /** Unconfirmed: "The request must contain a valid 'Url' field." */
  webhookUrlInvalid: 1354,
  /** Unconfirmed: "A request body must be provided." */
  webhookBodyMissing: 1355,
  /** Unconfirmed: "You cannot update the 'ID' or 'MessageStream' fields of a webhook." */
  webhookStreamFixed: 1357,
  /** Unconfirmed: "You must provide a valid 'HttpHeader' 'Name'." */
  webhookHeaderNameInvalid: 1358,
  /** Unconfirmed: "Invalid value provided for a field." */
  webhookFieldInvalid: 1361,
} as const);

/**
 * The ErrorCodes that refuse the account or its token, not the message: every message sent
 * with them is refused the same way until a person fixes the account (a new token, credits).
 */
export const ACCOUNT_ERROR_CODES: ReadonlySet<number> = new Set([
  ERROR_CODES.invalidToken,
  ERROR_CODES.notAllowedToSend,
  ERROR_CODES.accountPending,
  ERROR_CODES.accountMayNotSend,
]);

/**
 * What an ErrorCode means, in a few words taken from its name above, or undefined for a code
 * the SDK does not name.
 *
 * @example describeErrorCode(406) // 'inactive recipient'
 * @example describeErrorCode(1235) // 'stream not found'
 */
export function describeErrorCode(code: number): string | undefined {
  const name = Object.keys(ERROR_CODES).find(
    (key) => ERROR_CODES[key as keyof typeof ERROR_CODES] === code,
  );
  return name?.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}

export const WORDING = Object.freeze({
  missingToken:
    'No Account or Server API tokens were supplied in the HTTP headers. ' +
    'Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.',
  invalidServerToken:
    'The Server Token you provided in the X-Postmark-Server-Token request header was invalid. ' +
    'Please verify that you are using a valid token.',
  /** Unconfirmed: written as Postmark words the server token's refusal. */
  invalidAccountToken:
    'The Account Token you provided in the X-Postmark-Account-Token request header was invalid. ' +
    'Please verify that you are using a valid token.',
  /** Unconfirmed words: an account endpoint called with a server token only. */
  accountTokenRequired:
    'This request requires account level privileges: send your Account Token in the ' +
    'X-Postmark-Account-Token request header (a Server Token does not reach it).',
  /** Unconfirmed words: a server endpoint called with an account token only. */
  serverTokenRequired:
    'This request requires server level privileges: send a Server Token in the ' +
    'X-Postmark-Server-Token request header (an Account Token does not reach it).',
  invalidRequest: 'Invalid email request',
  invalidJson: 'Received invalid JSON input.',
  rateLimited: 'Rate limit exceeded.',
  noTriggerData: 'No trigger data received.',
  /** Postmark's `Message` for an accepted send. */
  accepted: 'OK',
  /** Postmark's `Message` for a send made with the test token. */
  testAccepted: 'Test job accepted',
});

// Issue codes of JSON that does not have the type Postmark's deserializer expects.
const JSON_TYPE_CODES: ReadonlySet<string> = new Set([
  'message.type',
  'schema.string',
  'schema.number',
  'schema.integer',
  'schema.boolean',
  'schema.object',
  'schema.strict_object',
  'schema.array',
  'schema.record',
  // A metadata value of the wrong type under a key valibot's record skips (`__proto__`,
  // `constructor`, `prototype`): the model's check finds it, and it is the same 403.
  'metadata.type',
]);

/**
 * The ErrorCode Postmark answers for a message that breaks one of the SDK's rules (by the
 * rule's issue code): 403 for JSON of the wrong type, 411 for a forbidden attachment type,
 * 300 ("invalid email request") for the rest.
 */
export function errorCodeForRule(code: string): number {
  if (code === 'attachment.forbiddenExtension') return ERROR_CODES.forbiddenAttachment;
  if (JSON_TYPE_CODES.has(code)) return ERROR_CODES.incompatibleJson;
  return ERROR_CODES.invalidRequest;
}

/** Postmark's words for the ErrorCodes that name an entity. */
export const ENTITY_WORDING = Object.freeze({
  templateNotFound: (ref: number | string) =>
    `The template's ${typeof ref === 'number' ? `'Id' ${ref}` : `'Alias' '${ref}'`} associated with this request is not valid or was not found.`,
  streamNotFound: (stream: string) =>
    `The 'MessageStream' provided ('${stream}') does not exist on this server.`,
  /** Unconfirmed words (see ERROR_CODES.defaultStreamNotArchivable). */
  defaultStreamNotArchivable: (stream: string) =>
    `The message stream '${stream}' is a default stream of this server; default streams cannot be archived.`,
  senderSignatureNotFound: (email: string) =>
    `The 'From' address you supplied (${email}) is not a Sender Signature on your account. ` +
    "Please add and confirm this address in order to be able to use it in the 'From' field of your messages.",
  messageNotFound: (id: string) => `Message '${id}' was not found.`,
  webhookNotFound: (id: string) => `The webhook for the provided 'ID' (${id}) was not found.`,
  inboundRuleNotFound: (id: string) => `This inbound rule was not found: '${id}'.`,
  inboundRuleExists: (rule: string) => `This inbound rule already exists: '${rule}'.`,
  invalidInboundRule: (rule: string) =>
    `Not a valid email address or domain: '${rule}'. Use an address (spammer@example.com) or a domain (example.com).`,
  serverNotFound: (id: number | string) => `Server does not exist: no server has the ID ${id}.`,
  serverNameExists: (name: string) => `Server name already exists: '${name}'.`,
  domainNotFound: (id: number | string) => `This domain was not found: no domain has the ID ${id}.`,
  domainExists: (name: string) => `Domain already exists: '${name}'.`,
  senderNotFound: (id: number | string) =>
    `Sender Signature not found by id: no sender signature has the ID ${id}.`,
  senderExists: (email: string) => `Sender Signature already exists: '${email}'.`,
  /** Postmark's words, as recorded. */
  dkimRenewing: () => 'This DKIM is already being renewed.',
  senderConfirmed: (email: string) => `This Sender Signature already confirmed: '${email}'.`,
  /** Unconfirmed words; Postmark answers 404 ("Entity doesn't exist") without saying more. */
  dataRemovalNotFound: (id: number | string) => `No data removal request has the ID ${id}.`,
  /** Unconfirmed words (see ERROR_CODES.bulkNeedsBroadcastStream). */
  bulkNeedsBroadcastStream: (stream: string, type: string) =>
    `Bulk sending goes only through a Broadcasts stream; the 'MessageStream' provided ('${stream}') is ${type === 'Inbound' ? 'an' : 'a'} ${type} stream.`,
  /** Unconfirmed words; Postmark answers 404 ("Entity doesn't exist") without saying more. */
  bulkNotFound: (id: string) => `No bulk request has the ID '${id}'.`,
});

const INACTIVE_PREFIX =
  'You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: ';
const INACTIVE_SUFFIX =
  '. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.';

/** Postmark's ErrorCode 406 message naming the inactive addresses. */
export function inactiveRecipientsMessage(emails: readonly string[]): string {
  return `${INACTIVE_PREFIX}${emails.join(', ')}${INACTIVE_SUFFIX}`;
}

const ADDRESS = /[^\s,;<>"()]+@[^\s,;<>"()]+\.[^\s,;<>"().]+/g;

/**
 * The addresses Postmark names in a 406 message ("... Found inactive addresses:
 * a@example.com, b@example.com. Inactive recipients are ..."), each once.
 *
 * @example inactiveRecipients(inactiveRecipientsMessage(['a@example.com'])) // ['a@example.com']
 */
export function inactiveRecipients(message: string | undefined): string[] {
  if (!message) return [];
  const marker = /inactive addresses?:/i.exec(message);
  const text = marker ? message.slice(marker.index + marker[0].length) : message;
  const sentenceEnd = text.search(/\.\s+[A-Z]/);
  const list = sentenceEnd === -1 ? text : text.slice(0, sentenceEnd + 1);
  return [...new Set(list.match(ADDRESS) ?? [])];
}
