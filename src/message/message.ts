import { invalid, MessageValidationError } from '../errors/message-validation-error.js';
import { parseAddress } from '../model/address.js';
import { makeAttachment, readAttachmentFile } from '../model/attachment.js';
import { EMPTY_DATA, withField } from '../model/data.js';
import { makeHeader, sameHeaderName } from '../model/header.js';
import { dataFromInit } from '../model/init.js';
import { mergeDefaults } from '../model/merge.js';
import type {
  Address,
  AddressInput,
  AttachmentInput,
  MessageData,
  MessageInit,
  TrackLinks,
} from '../model/types.js';
import {
  headerText,
  makeTemplate,
  metadataRecord,
  metadataValue,
  requireString,
  streamName,
  trackLinks,
  trackOpens,
} from '../model/values.js';
import type { Limits } from '../postmark/limits.js';
import type { PostmarkMessage } from '../schemas/message.js';
import { toPostmarkJson } from '../serialize/to-postmark.js';
import { readPostmarkMessage } from './read-json.js';
import {
  limitsToValidate,
  type ValidateOptions,
  type ValidationResult,
  validateMessage,
} from './validate.js';

type RecipientField = 'to' | 'cc' | 'bcc' | 'replyTo';
type Addresses = (AddressInput | readonly AddressInput[])[];

/**
 * An email as an immutable value. Every method returns a new frozen Message and leaves the
 * receiver unchanged, so a Message can be shared, reused as a default and built up in steps.
 * Each call checks the shape of what it is given (a malformed address, a header with a line
 * break) and throws a `MessageValidationError` naming the field; rules that read a limit
 * (how many recipients, a forbidden file type) are `validate()`'s, with the limits in force.
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
  static to(...addresses: Addresses): Message {
    return EMPTY_MESSAGE.to(...addresses);
  }

  /**
   * A message from a plain object, through the same checks as the fluent calls; every
   * problem is reported at once. Only the object's own properties are read.
   * @example Message.create({ from: 'app@example.com', to: 'a@b.c', subject: 'Hi', text: 'Hello' })
   */
  static create(init: MessageInit = {}): Message {
    const { data, issues } = dataFromInit(init);
    if (issues.length > 0) throw new MessageValidationError(issues);
    return make(data);
  }

  /**
   * The inverse of `toJSON()`: a message from Postmark's JSON, read as Postmark reads it.
   * Throws a `MessageValidationError` listing every problem, with Postmark's field names as
   * paths.
   * @example Message.fromJSON({ From: 'app@example.com', To: 'a@b.c', TextBody: 'Hi' })
   */
  static fromJSON(json: unknown): Message {
    const { data, issues } = readPostmarkMessage(json);
    if (issues.length > 0) throw new MessageValidationError(issues);
    return make(data);
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
  to(...addresses: Addresses): Message {
    return this.addRecipients('to', addresses);
  }

  cc(...addresses: Addresses): Message {
    return this.addRecipients('cc', addresses);
  }

  bcc(...addresses: Addresses): Message {
    return this.addRecipients('bcc', addresses);
  }

  replyTo(...addresses: Addresses): Message {
    return this.addRecipients('replyTo', addresses);
  }

  /**
   * Replaces a recipient list; with no addresses, empties it.
   * @example message.setRecipients('cc') // no Cc any more
   */
  setRecipients(field: RecipientField, ...addresses: Addresses): Message {
    if (!RECIPIENT_FIELDS.includes(field)) {
      throw invalid(
        'field',
        'recipients.field',
        `setRecipients() takes ${RECIPIENT_FIELDS.join(', ')}`,
      );
    }
    return this.with(field, []).addRecipients(field, addresses);
  }

  /** Removes an address (compared ignoring case) from To, Cc, Bcc and Reply-To. */
  withoutRecipient(email: string): Message {
    const folded = requireString(email, 'email').toLowerCase();
    let data = this.data;
    for (const field of RECIPIENT_FIELDS) {
      const kept = data[field].filter((a) => a.email.toLowerCase() !== folded);
      if (kept.length !== data[field].length) data = withField(data, field, kept);
    }
    return data === this.data ? this : make(data);
  }

  subject(subject: string): Message {
    return this.with('subject', headerText(subject, 'subject'));
  }

  /** The plain-text body. */
  text(text: string): Message {
    return this.with('text', requireString(text, 'text'));
  }

  /** The HTML body. */
  html(html: string): Message {
    return this.with('html', requireString(html, 'html'));
  }

  /** The message's one tag, for filtering in Postmark (its length is checked by `validate()`). */
  tag(tag: string): Message {
    return this.with('tag', headerText(tag, 'tag'));
  }

  /**
   * Sets metadata: with an object, replaces all of it; with a key and value, sets that key
   * (a `null` value removes it).
   * @example message.metadata({ userId: '42' }).metadata('plan', 'pro')
   */
  metadata(metadata: Readonly<Record<string, string>>): Message;
  metadata(key: string, value: string | null): Message;
  metadata(keyOrRecord: string | Readonly<Record<string, string>>, value?: string | null): Message {
    if (typeof keyOrRecord !== 'string') return this.with('metadata', metadataRecord(keyOrRecord));
    const next: Record<string, string> = {};
    for (const key of Object.keys(this.data.metadata))
      if (key !== keyOrRecord) next[key] = this.data.metadata[key] as string;
    if (value !== null) next[keyOrRecord] = metadataValue(keyOrRecord, value);
    return this.with('metadata', next);
  }

  /**
   * Sets a custom header, replacing one of the same name (ignoring case); `null` removes it.
   * @example message.header('X-Campaign', 'spring')
   */
  header(name: string, value: string | null): Message {
    const others = this.data.headers.filter(
      (h) => typeof name !== 'string' || !sameHeaderName(h.name, name),
    );
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
    return this.with('trackOpens', trackOpens(enabled));
  }

  /** Link tracking: `'None'`, `'HtmlAndText'`, `'HtmlOnly'` or `'TextOnly'`. */
  trackLinks(mode: TrackLinks): Message {
    return this.with('trackLinks', trackLinks(mode));
  }

  /** The message stream, such as `'outbound'` or `'broadcast'`. */
  stream(stream: string): Message {
    return this.with('stream', streamName(stream));
  }

  /**
   * Sends through a Postmark template: a numeric id or a string alias, and its model (plain
   * data: copied, checked to mean the same as JSON, and frozen).
   * @example Message.to('a@b.c').template('welcome', { name: 'Ada' })
   */
  template(
    idOrAlias: number | string,
    model: Readonly<Record<string, unknown>> = {},
    options: { inlineCss?: boolean } = {},
  ): Message {
    const inlineCss =
      typeof options === 'object' && options !== null && Object.hasOwn(options, 'inlineCss')
        ? options.inlineCss
        : this.data.template?.inlineCss;
    return this.with('template', makeTemplate(idOrAlias, model, inlineCss));
  }

  /** Whether Postmark inlines the template's CSS (its default: true). Call after `template()`. */
  inlineCss(enabled = true): Message {
    const current = this.data.template;
    if (!current)
      throw invalid(
        'inlineCss',
        'template.missing',
        'inlineCss() applies to a templated message: call template() first',
      );
    return this.with('template', makeTemplate(current.idOrAlias, current.model, enabled));
  }

  /** This message laid over `defaults` (see the merge rules in docs/messages.md). */
  withDefaults(defaults: Message | undefined): Message {
    // Laying a message over the empty one changes nothing; a Sender without defaults has it.
    if (!defaults || defaults === EMPTY_MESSAGE) return this;
    return make(mergeDefaults(this.data, defaults.data));
  }

  /**
   * Checks the rules that span fields and every rule that reads a limit, with the limits
   * given (default: Postmark's): `{ limits: {...} }`, or the limits themselves. Every send
   * runs it after merging defaults. An unknown option or limit throws a `TypeError`.
   * @example const result = message.validate({ limits: { maxRecipients: 100 } });
   * @example const same = message.validate({ maxRecipients: 100 });
   */
  validate(options?: ValidateOptions | Partial<Limits>): ValidationResult {
    return validateMessage(this.data, limitsToValidate(options));
  }

  /** Postmark's JSON for this message: what /email (or /email/withTemplate) receives. */
  toJSON(): PostmarkMessage {
    return toPostmarkJson(this.data);
  }

  toString(): string {
    const to = this.data.to.map((a) => a.email).join(', ');
    return `Message(${this.kind}${to ? ` to ${to}` : ''}${this.data.subject ? `: ${this.data.subject}` : ''})`;
  }

  private addRecipients(field: RecipientField, inputs: Addresses): Message {
    // A copy grown in place: no flat() and no spread of the frozen list (both slow in V8).
    const list: Address[] = this.data[field].slice();
    const add = (input: AddressInput) => list.push(parseAddress(input, field, list.length));
    for (const input of inputs) {
      if (Array.isArray(input)) for (const one of input as readonly AddressInput[]) add(one);
      else add(input as AddressInput);
    }
    return this.with(field, list);
  }

  private with<K extends keyof MessageData>(key: K, value: MessageData[K]): Message {
    return make(withField(this.data, key, value));
  }
}

const RECIPIENT_FIELDS: readonly RecipientField[] = ['to', 'cc', 'bcc', 'replyTo'];

const BRAND = Symbol.for('postmark-fluent.message');
Object.defineProperty(Message.prototype, BRAND, { value: true });

// The constructor is private to the class; this module makes Messages of checked data.
const make = (data: MessageData): Message =>
  new (Message as unknown as new (data: MessageData) => Message)(data);

const EMPTY_MESSAGE = make(EMPTY_DATA);
