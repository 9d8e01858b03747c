// Postmark's server-side rules for one message, written from the API reference and not
// shared with the SDK's client-side checks: each side can then catch the other's mistakes.
import type { Limits } from '../limits.js';
import { type Address, parseAddressList } from './addresses.js';
import { checkAttachments } from './attachment-rules.js';
import { isPlainObject, type Problem } from './http.js';
import { checkShape, present, text } from './json-shape.js';

/** Which endpoint family a message came through: content (/email) or template. */
export type MessageKind = 'content' | 'template';

/** What the rules need besides the message. */
export interface RuleSettings {
  readonly limits: Limits;
  /** Message streams this server knows (`outbound`, `broadcast` and any configured). */
  readonly streams: ReadonlySet<string>;
  /** Confirmed senders (addresses or whole domains); undefined lets every From through. */
  readonly senderSignatures?: readonly string[] | undefined;
}

/** A message that passed every rule, with its addresses parsed once for later steps. */
export interface CheckedMessage {
  readonly json: Readonly<Record<string, unknown>>;
  readonly from: Address;
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly bcc: readonly Address[];
  readonly stream: string;
}

export type CheckResult =
  | { readonly ok: true; readonly message: CheckedMessage }
  | { readonly ok: false; readonly problem: Problem };

const TRACK_LINKS = new Set(['None', 'HtmlAndText', 'HtmlOnly', 'TextOnly']);

const invalid = (message: string): Problem => ({ errorCode: 300, message });

/**
 * Checks one message against Postmark's rules, in a fixed order: JSON types (403), the From
 * address (300, or 400 when it is not a configured sender signature), the other addresses and
 * the recipient count (300), body or template fields (300), tag, links, headers, metadata (300),
 * attachments (411 for a forbidden type, else 300), then the message stream (1235).
 * Template lookup, the size of the whole message and inactive recipients are checked by the
 * caller, which holds the template store, the raw bytes and the bounce store.
 *
 * @example
 * checkMessage({ From: 'a@example.com', To: 'b@example.com', TextBody: 'Hi' }, 'content', settings);
 * // { ok: true, message: { from: { email: 'a@example.com', name: '' }, to: [...], stream: 'outbound', ... } }
 */
export function checkMessage(
  json: unknown,
  kind: MessageKind,
  settings: RuleSettings,
): CheckResult {
  if (!isPlainObject(json)) {
    return { ok: false, problem: { errorCode: 403, message: 'A message must be a JSON object.' } };
  }
  const shape = checkShape(json);
  if (shape) return { ok: false, problem: shape };

  const from = parseFrom(json.From);
  if (!from.ok) return from;
  const unsigned = checkSender(from.address, settings.senderSignatures);
  if (unsigned) return { ok: false, problem: unsigned };
  const lists: Address[][] = [];
  for (const field of ['To', 'Cc', 'Bcc', 'ReplyTo'] as const) {
    const parsed = parseAddressList(field, text(json[field]));
    if (!parsed.ok) return parsed;
    lists.push([...parsed.addresses]);
  }
  const [to = [], cc = [], bcc = []] = lists;
  const recipients = to.length + cc.length + bcc.length;
  if (recipients === 0) return { ok: false, problem: invalid('Zero recipients specified') };
  if (recipients > settings.limits.maxRecipients) {
    return {
      ok: false,
      problem: invalid(
        `Too many recipients: ${recipients} in To, Cc and Bcc together; ` +
          `the maximum is ${settings.limits.maxRecipients}.`,
      ),
    };
  }

  const problem =
    (kind === 'content' ? checkContent(json, settings.limits) : checkTemplateFields(json)) ??
    checkTag(json, settings.limits) ??
    checkTrackLinks(json) ??
    checkHeaders(json) ??
    checkMetadata(json, settings.limits) ??
    checkAttachments(json, settings.limits) ??
    checkStream(json, settings.streams);
  if (problem) return { ok: false, problem };

  const stream = text(json.MessageStream) || 'outbound';
  return { ok: true, message: { json, from: from.address, to, cc, bcc, stream } };
}

/**
 * The body rules that also apply after a template is rendered: each of TextBody and
 * HtmlBody at most `limits.maxBodyBytes` bytes of UTF-8.
 */
export function checkBodySizes(
  bodies: { readonly HtmlBody?: unknown; readonly TextBody?: unknown },
  limits: Limits,
): Problem | undefined {
  for (const field of ['HtmlBody', 'TextBody'] as const) {
    const bytes = Buffer.byteLength(text(bodies[field]), 'utf8');
    if (bytes > limits.maxBodyBytes) {
      return invalid(`${field} is ${bytes} bytes; the maximum is ${limits.maxBodyBytes}.`);
    }
  }
  return undefined;
}

function parseFrom(
  value: unknown,
):
  | { readonly ok: true; readonly address: Address }
  | { readonly ok: false; readonly problem: Problem } {
  const parsed = parseAddressList('From', text(value));
  if (!parsed.ok) return parsed;
  const [first, ...rest] = parsed.addresses;
  if (first === undefined) {
    return {
      ok: false,
      problem: invalid(
        "Error parsing 'From': Illegal email address ''. It must contain the '@' symbol.",
      ),
    };
  }
  if (rest.length > 0) {
    return {
      ok: false,
      problem: invalid("Error parsing 'From': only one sender address is allowed."),
    };
  }
  return { ok: true, address: first };
}

function checkSender(
  from: Address,
  signatures: readonly string[] | undefined,
): Problem | undefined {
  if (signatures === undefined) return undefined;
  const email = from.email.toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const signed = signatures.some((signature) => {
    const folded = signature.toLowerCase();
    return folded.includes('@') ? folded === email : folded === domain;
  });
  if (signed) return undefined;
  return {
    errorCode: 400,
    message:
      `The 'From' address you supplied (${from.email}) is not a Sender Signature on your account. ` +
      "Please add and confirm this address in order to be able to use it in the 'From' field of your messages.",
  };
}

function checkContent(json: Record<string, unknown>, limits: Limits): Problem | undefined {
  if (text(json.HtmlBody) === '' && text(json.TextBody) === '') {
    return invalid('Provide either email TextBody or HtmlBody or both.');
  }
  return checkBodySizes(json, limits);
}

function checkTemplateFields(json: Record<string, unknown>): Problem | undefined {
  const hasId = present(json.TemplateId);
  const hasAlias = text(json.TemplateAlias) !== '';
  if (!hasId && !hasAlias) return invalid('Either TemplateId or TemplateAlias is required.');
  // Postmark documents "TemplateId or TemplateAlias"; sending both is ambiguous, so refuse it.
  if (hasId && hasAlias) return invalid('Specify either TemplateId or TemplateAlias, not both.');
  if (!present(json.TemplateModel)) return invalid('TemplateModel is required.');
  return undefined;
}

function checkTag(json: Record<string, unknown>, limits: Limits): Problem | undefined {
  const length = text(json.Tag).length;
  return length > limits.maxTagLength
    ? invalid(`Tag is ${length} characters; the maximum is ${limits.maxTagLength}.`)
    : undefined;
}

function checkTrackLinks(json: Record<string, unknown>): Problem | undefined {
  if (!present(json.TrackLinks) || TRACK_LINKS.has(text(json.TrackLinks))) return undefined;
  return invalid(
    `Invalid TrackLinks value '${text(json.TrackLinks)}'; use None, HtmlAndText, HtmlOnly or TextOnly.`,
  );
}

function checkHeaders(json: Record<string, unknown>): Problem | undefined {
  const headers = (json.Headers ?? []) as readonly Record<string, unknown>[];
  for (const [index, header] of headers.entries()) {
    const name = text(header.Name);
    if (name.trim() === '') return invalid(`Headers[${index}].Name is required.`);
    // A line break would let a header value start a header of its own (header injection).
    if (/[\r\n]/.test(name) || /[\r\n]/.test(text(header.Value))) {
      return invalid(`Headers[${index}] ('${name}') contains a line break.`);
    }
  }
  return undefined;
}

function checkMetadata(json: Record<string, unknown>, limits: Limits): Problem | undefined {
  const metadata = (json.Metadata ?? {}) as Record<string, string>;
  const seen = new Map<string, string>();
  for (const key of Object.keys(metadata)) {
    const folded = key.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      return invalid(`Metadata keys '${earlier}' and '${key}' differ only in case.`);
    }
    seen.set(folded, key);
  }
  // The three limits below are not in Postmark's own words; they come from `limits`, so a
  // caller can relax them when Postmark turns out to allow more.
  if (seen.size > limits.maxMetadataFields) {
    return invalid(`Metadata has ${seen.size} fields; the maximum is ${limits.maxMetadataFields}.`);
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (key.length > limits.maxMetadataKeyLength) {
      return invalid(
        `Metadata key '${key}' is longer than ${limits.maxMetadataKeyLength} characters.`,
      );
    }
    if (value.length > limits.maxMetadataValueLength) {
      return invalid(
        `Metadata value of '${key}' is longer than ${limits.maxMetadataValueLength} characters.`,
      );
    }
  }
  return undefined;
}

function checkStream(
  json: Record<string, unknown>,
  streams: ReadonlySet<string>,
): Problem | undefined {
  const stream = text(json.MessageStream) || 'outbound';
  return streams.has(stream)
    ? undefined
    : {
        errorCode: 1235,
        message: `The 'MessageStream' provided ('${stream}') does not exist on this server.`,
      };
}
