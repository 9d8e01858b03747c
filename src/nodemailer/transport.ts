import { connect } from '../options/connection.js';
import type { SenderOptions } from '../options/sender.js';
import { connectionOf } from '../options/server.js';
import { PostmarkServerSchema } from '../schemas/server.js';
import { Sender } from '../send/sender.js';
import { SERVER_TOKEN_HEADER } from '../transport/client.js';
import { VERSION } from '../transport/version.js';
import { sentInfo } from './info.js';
import { toMessage } from './to-message.js';
import type { NodemailerMail, PostmarkSentMessageInfo } from './types.js';

/** A Sender to send through, or the options to make one with. */
export type PostmarkTransportOptions = { readonly sender: Sender } | SenderOptions;

/** A Nodemailer transport: give it to `nodemailer.createTransport()`. */
export interface PostmarkTransport {
  readonly name: string;
  readonly version: string;
  /** `sendMail({ signal })` cancels the request to Postmark too. */
  readonly supportsAbortSignal: true;
  send(
    mail: NodemailerMail,
    callback: (error: Error | null, info?: PostmarkSentMessageInfo) => void,
  ): void;
  /** Checks the token with a read of the server's settings (GET /server). */
  verify(): Promise<true>;
  verify(callback: (error: Error | null, success?: true) => void): void;
  /** Always idle: each message is one HTTP request, with no connection pool of its own. */
  isIdle(): boolean;
  /** Nothing to close: the transport holds no connection. */
  close(): void;
}

/**
 * A Nodemailer transport that sends through a Sender: every `sendMail()` becomes a Message
 * (validated, laid over the Sender's defaults, sent with its retries and typed errors).
 * Fields Postmark cannot express fail the send with a `MessageValidationError` naming them.
 *
 * @example
 * const transporter = nodemailer.createTransport(postmarkTransport({ sender: mailer }));
 * const info = await transporter.sendMail({ from: 'app@example.com', to: 'ada@example.com', subject: 'Hi', text: 'Hello' });
 */
export function postmarkTransport(options: PostmarkTransportOptions): PostmarkTransport {
  const sender = senderOf(options);
  const settings = connectionOf(sender);
  if (settings === undefined) throw new TypeError('postmarkTransport() takes a Sender');
  const client = connect(settings, settings.token, SERVER_TOKEN_HEADER);

  async function deliver(mail: NodemailerMail): Promise<PostmarkSentMessageInfo> {
    const message = await toMessage(mail);
    const signal = mail.data.signal as AbortSignal | undefined;
    const result = await sender.send(message, signal ? { signal } : {});
    return sentInfo(result, message.withDefaults(sender.defaults));
  }

  async function verify(): Promise<true> {
    await client.get('/server', {}, PostmarkServerSchema);
    return true;
  }

  // Not frozen: Nodemailer sets `mailer` (and for a proxy `getSocket`) on its transport.
  return {
    name: 'postmark-fluent',
    version: VERSION,
    supportsAbortSignal: true,
    send(mail, callback) {
      deliver(mail).then(
        (info) => callback(null, info),
        (error: Error) => callback(error),
      );
    },
    verify(callback?: (error: Error | null, success?: true) => void) {
      if (!callback) return verify();
      verify().then(
        () => callback(null, true),
        (error: Error) => callback(error),
      );
    },
    isIdle: () => true,
    close() {},
  } as PostmarkTransport;
}

function senderOf(options: PostmarkTransportOptions): Sender {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('postmarkTransport() takes { sender } or the options of a Sender');
  }
  if (!Object.hasOwn(options, 'sender')) return new Sender(options as SenderOptions);
  if (Object.keys(options).length > 1) {
    throw new TypeError(
      'postmarkTransport() takes { sender } alone, or the options of a new Sender without it',
    );
  }
  const { sender } = options as { sender: unknown };
  if (connectionOf(sender) === undefined) {
    throw new TypeError(
      'sender must be a Sender (made by the same copy of postmark-fluent: import both as ESM, or both as CommonJS)',
    );
  }
  return sender as Sender;
}
