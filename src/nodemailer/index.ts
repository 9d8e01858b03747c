// postmark-fluent/nodemailer: a Nodemailer transport, so that an app's existing sendMail()
// calls go through the Message validation and the Sender. Node only; loads no Nodemailer
// code of its own (Nodemailer is the caller).

export {
  type PostmarkTransport,
  type PostmarkTransportOptions,
  postmarkTransport,
} from './transport.js';
export type { NodemailerMail, PostmarkMailOptions, PostmarkSentMessageInfo } from './types.js';
