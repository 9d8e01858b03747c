import { invalid } from '../errors/message-validation-error.js';
import { DEFAULT_LIMITS, type Limits, resolveLimits } from '../limits.js';
import type { PostmarkMessage } from '../schemas/message.js';
import { fromPostmarkJson } from '../serialize/from-postmark.js';
import { toPostmarkJson } from '../serialize/to-postmark.js';
import { parseAddress } from './address.js';
import { makeAttachment, readAttachmentFile } from './attachment.js';
import { buildFromInit } from './create.js';
import { EMPTY_DATA, makeData, withField } from './data.js';
import { makeHeader, sameHeaderName } from './header.js';
import { mergeDefaults } from './merge.js';
import type {
  Address,
  AddressInput,
  AttachmentInput,
  MessageData,
  MessageInit,
  TrackLinks,
} from './types.js';
import { type ValidationResult, validateMessage } from './validate.js';

type RecipientField = 'to' | 'cc' | 'bcc' | 'replyTo';

const TRACK_LINKS: readonly TrackLinks[] = ['None', 'HtmlAndText', 'HtmlOnly', 'TextOnly'];

/**
 * An email as an immutable value. Every method returns a new frozen Message and leaves the
 * receiver unchanged, so a Message can be shared, reused as a default and built up in steps.
 *
 * @example
 * const welcome = Message.from('Team <team@example.com>')
 *   .to('ada@example.com')
 *   .subject('Welcome')
 *   .text('Hello');
 * welcome.toJSON(); // { From: 'Team <team@example.com>', To: 'ada@example.com', ... }
 */
export class Message {
  /** Everything the message holds, frozen at every level. */
  readonly data: MessageData;

  // Takes data that is already frozen throughout, in its canonical shape (see data.ts).
  private constructor(data: MessageData) {
    this.data = data;
    Object.freeze(this);
  }

  /** An empty message, to build on. */
  static empty(): Message {
    return EMPTY_MESSAGE;
  }

  /** A message from `from`. @example Message.from('Team <team@example.com>').to('a@b.c') */
  static from(address: AddressInput): Message {
    return EMPTY_MESSAGE.from(address);
  }

  /** A message to these recipients. @example Message.to('ada@example.com', { email: 'bob@example.com', name: 'Bob' }) */
  static to(...addresses: (AddressInput | readonly AddressInput[])[]): Message {
    return EMPTY_MESSAGE.to(...addresses);
  }

  /**
   * A message from a plain object; every problem is reported at once.
   * @example Message.create({ from: 'app@example.com', to: 'a@b.c', subject: 'Hi', text: 'Hello' })
   */
  static create(init: MessageInit = {}): Message {
    return buildFromInit(EMPTY_MESSAGE, init);
  }

  /**
   * The inverse of `toJSON()`: a message from Postmark's JSON. Throws a
   * `MessageValidationError` listing every problem, with Postmark's field names as paths.
   * @example Message.fromJSON({ From: 'app@example.com', To: 'a@b.c', TextBody: 'Hi' })
   */
  static fromJSON(json: unknown): Message {
    const { init, issues } = fromPostmarkJson(json);
    return buildFromInit(EMPTY_MESSAGE, init, { issues, postmarkPaths: true });
  }

  /** True for a Message, even one made by another copy of this package. */
  static isMessage(value: unknown): value is Message {
    return (
      value instanceof Message ||
      (typeof value === 'object' && value !== null && (value as { [BRAND]?: true })[BRAND] === true)
    );
  }

  /** `'template'` when the message is sent through a template, else `'email'`. */
  get kind(): 'email' | 'template' {
    return this.data.template ? 'template' : 'email';
  }

  from(address: AddressInput): Message {
    return this.with('from', parseAddress(address, 'from'));
  }

  /** Adds recipients to To. Several at once, or a list. */
  to(...addresses: (AddressInput | readonly AddressInput[])[]): Message {
    return this.addRecipients('to', addresses);
  }

  cc(...addresses: (AddressInput | readonly AddressInput[])[]): Message {
    return this.addRecipients('cc', addresses);
  }

  bcc(...addresses: (AddressInput | readonly AddressInput[])[]): Message {
    return this.addRecipients('bcc', addresses);
  }

  replyTo(...addresses: (AddressInput | readonly AddressInput[])[]): Message {
    return this.addRecipients('replyTo', addresses);
  }

  /**
   * Replaces a recipient list; with no addresses, empties it.
   * @example message.setRecipients('cc') // no Cc any more
   */
  setRecipients(
    field: RecipientField,
    ...addresses: (AddressInput | readonly AddressInput[])[]
  ): Message {
    return this.with(field, []).addRecipients(field, addresses);
  }

  /** Removes an address (compared ignoring case) from To, Cc, Bcc and Reply-To. */
  withoutRecipient(email: string): Message {
    const keep = (list: readonly Address[]) =>
      list.filter((a) => a.email.toLowerCase() !== email.toLowerCase());
    const { to, cc, bcc, replyTo } = this.data;
    return new Message(
      makeData({
        ...this.data,
        to: keep(to),
        cc: keep(cc),
        bcc: keep(bcc),
        replyTo: keep(replyTo),
      }),
    );
  }

  subject(subject: string): Message {
    return this.with('subject', requireString(subject, 'subject'));
  }

  /** The plain-text body. */
  text(text: string): Message {
    return this.with('text', requireString(text, 'text'));
  }

  /** The HTML body. */
  html(html: string): Message {
    return this.with('html', requireString(html, 'html'));
  }

  /** The message's one tag, for filtering in Postmark (at most 1000 characters). */
  tag(tag: string): Message {
    requireString(tag, 'tag');
    if (tag.length > DEFAULT_LIMITS.maxTagLength) {
      throw invalid(
        'tag',
        'tag.tooLong',
        `a tag is at most ${DEFAULT_LIMITS.maxTagLength} characters (this one has ${tag.length})`,
      );
    }
    return this.with('tag', tag);
  }

  /**
   * Sets metadata: with an object, replaces all of it; with a key and value, sets that key
   * (a `null` value removes it).
   * @example message.metadata({ userId: '42' }).metadata('plan', 'pro')
   */
  metadata(metadata: Readonly<Record<string, string>>): Message;
  metadata(key: string, value: string | null): Message;
  metadata(keyOrRecord: string | Readonly<Record<string, string>>, value?: string | null): Message {
    if (typeof keyOrRecord === 'string') {
      const { [keyOrRecord]: _removed, ...rest } = this.data.metadata;
      return this.with(
        'metadata',
        value === null ? rest : { ...rest, [keyOrRecord]: checkMetadataValue(keyOrRecord, value) },
      );
    }
    if (typeof keyOrRecord !== 'object' || keyOrRecord === null) {
      throw invalid('metadata', 'metadata.type', 'metadata must be an object of strings');
    }
    const metadata: Record<string, string> = {};
    for (const key of Object.keys(keyOrRecord))
      metadata[key] = checkMetadataValue(key, keyOrRecord[key]);
    return this.with('metadata', metadata);
  }

  /**
   * Sets a custom header, replacing one of the same name (ignoring case); `null` removes it.
   * @example message.header('X-Campaign', 'spring')
   */
  header(name: string, value: string | null): Message {
    const others = this.data.headers.filter((h) => !sameHeaderName(h.name, name));
    if (value !== null) others.push(makeHeader(name, value, `headers[${others.length}]`));
    return this.with('headers', others);
  }

  /**
   * Adds an attachment. Its type is inferred from `name` when not given.
   * @example message.attach({ name: 'terms.txt', content: 'Be nice.' })
   * @example message.attach({ name: 'logo.png', content: bytes, contentId: 'cid:logo' }) // inline image
   */
  attach(attachment: AttachmentInput): Message {
    // A copy grown in place, not a spread of the frozen list (V8's slow path).
    const attachments = this.data.attachments.slice();
    attachments.push(makeAttachment(attachment, `attachments[${attachments.length}]`));
    return this.with('attachments', attachments);
  }

  /**
   * Reads a file and attaches it (Node, Bun, Deno). The name defaults to the file's name.
   * @example message.attachFile('./invoice.pdf')
   */
  attachFile(filePath: string, options: Partial<Omit<AttachmentInput, 'content'>> = {}): Message {
    const attachments = this.data.attachments.slice();
    attachments.push(readAttachmentFile(filePath, options, `attachments[${attachments.length}]`));
    return this.with('attachments', attachments);
  }

  /** Removes every attachment. */
  withoutAttachments(): Message {
    return this.with('attachments', []);
  }

  trackOpens(enabled = true): Message {
    if (typeof enabled !== 'boolean')
      throw invalid('trackOpens', 'trackOpens.type', 'trackOpens takes true or false');
    return this.with('trackOpens', enabled);
  }

  /** Link tracking: `'None'`, `'HtmlAndText'`, `'HtmlOnly'` or `'TextOnly'`. */
  trackLinks(mode: TrackLinks): Message {
    if (!TRACK_LINKS.includes(mode)) {
      throw invalid(
        'trackLinks',
        'trackLinks.invalid',
        `trackLinks must be one of ${TRACK_LINKS.join(', ')} (got "${String(mode)}")`,
      );
    }
    return this.with('trackLinks', mode);
  }

  /** The message stream, such as `'outbound'` or `'broadcast'`. */
  stream(stream: string): Message {
    if (requireString(stream, 'stream') === '')
      throw invalid('stream', 'stream.empty', 'a message stream needs a name');
    return this.with('stream', stream);
  }

  /**
   * Sends through a Postmark template: a numeric id or a string alias, and its model.
   * @example Message.to('a@b.c').template('welcome', { name: 'Ada' })
   */
  template(
    idOrAlias: number | string,
    model: Readonly<Record<string, unknown>> = {},
    options: { inlineCss?: boolean } = {},
  ): Message {
    const isId = typeof idOrAlias === 'number' && Number.isInteger(idOrAlias) && idOrAlias > 0;
    const isAlias = typeof idOrAlias === 'string' && idOrAlias.trim() !== '';
    if (!isId && !isAlias) {
      throw invalid(
        'template',
        'template.id',
        'a template is a positive integer id or a non-empty alias',
      );
    }
    if (typeof model !== 'object' || model === null || Array.isArray(model)) {
      throw invalid('templateModel', 'template.model', 'a template model must be an object');
    }
    const inlineCss = options.inlineCss ?? this.data.template?.inlineCss;
    return this.with('template', {
      idOrAlias,
      model: cloneModel(model),
      ...(inlineCss === undefined ? {} : { inlineCss }),
    });
  }

  /** Whether Postmark inlines the template's CSS (its default: true). Call after `template()`. */
  inlineCss(enabled = true): Message {
    if (!this.data.template)
      throw invalid(
        'inlineCss',
        'template.missing',
        'inlineCss() applies to a templated message: call template() first',
      );
    return this.with('template', { ...this.data.template, inlineCss: enabled });
  }

  /** This message laid over `defaults` (see the merge rules in docs/messages.md). */
  withDefaults(defaults: Message | undefined): Message {
    // Laying a message over the empty one changes nothing; a Sender without defaults has it.
    if (!defaults || defaults === EMPTY_MESSAGE) return this;
    return new Message(mergeDefaults(this.data, defaults.data));
  }

  /**
   * Checks the rules that span fields. Every send runs it after merging defaults.
   * @example const result = message.validate(); if (!result.ok) console.log(result.issues);
   */
  validate(options: { limits?: Partial<Limits> } = {}): ValidationResult {
    return validateMessage(this.data, limitsFor(options.limits));
  }

  /** Postmark's JSON for this message: what /email (or /email/withTemplate) receives. */
  toJSON(): PostmarkMessage {
    return toPostmarkJson(this.data);
  }

  toString(): string {
    const to = this.data.to.map((a) => a.email).join(', ');
    return `Message(${this.kind}${to ? ` to ${to}` : ''}${this.data.subject ? `: ${this.data.subject}` : ''})`;
  }

  private addRecipients(
    field: RecipientField,
    inputs: (AddressInput | readonly AddressInput[])[],
  ): Message {
    // A copy grown in place: no flat() and no spread of the frozen list (both slow in V8).
    const list = this.data[field].slice();
    const add = (input: AddressInput) => list.push(parseAddress(input, field, list.length));
    for (const input of inputs) {
      if (Array.isArray(input)) for (const one of input as readonly AddressInput[]) add(one);
      else add(input as AddressInput);
    }
    if (field !== 'replyTo') {
      const { to, cc, bcc } = this.data;
      const total = to.length + cc.length + bcc.length - this.data[field].length + list.length;
      if (total > DEFAULT_LIMITS.maxRecipients) {
        throw invalid(
          `${field}[${list.length - 1}]`,
          'recipients.tooMany',
          `To, Cc and Bcc together may hold ${DEFAULT_LIMITS.maxRecipients} recipients; this would make ${total}`,
        );
      }
    }
    return this.with(field, list);
  }

  private with<K extends keyof MessageData>(key: K, value: MessageData[K]): Message {
    return new Message(withField(this.data, key, value));
  }
}

const BRAND = Symbol.for('postmark-fluent.message');
Object.defineProperty(Message.prototype, BRAND, { value: true });

const EMPTY_MESSAGE = new (Message as unknown as new (data: MessageData) => Message)(EMPTY_DATA);

// Cloned so the caller's object stays theirs (and unfrozen); frozen so nobody changes ours.
function cloneModel(model: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  try {
    return deepFreeze(structuredClone(model));
  } catch {
    throw invalid(
      'templateModel',
      'template.model',
      'a template model must be plain data (no functions or class instances)',
    );
  }
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalid(path, `${path}.type`, `${path} must be a string`);
  return value;
}

function checkMetadataValue(key: string, value: unknown): string {
  if (typeof value !== 'string')
    throw invalid(`metadata.${key}`, 'metadata.type', 'a metadata value must be a string');
  return value;
}

// A Sender validates every message of a batch with the same frozen limits; resolving them
// once per object, not once per message, saves a spread and a freeze each time.
const resolvedLimits = new WeakMap<Partial<Limits>, Limits>();

function limitsFor(limits: Partial<Limits> | undefined): Limits {
  if (limits === undefined || limits === DEFAULT_LIMITS) return DEFAULT_LIMITS;
  if (!Object.isFrozen(limits)) return resolveLimits(limits);
  let resolved = resolvedLimits.get(limits);
  if (resolved === undefined) {
    resolved = resolveLimits(limits);
    resolvedLimits.set(limits, resolved);
  }
  return resolved;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
