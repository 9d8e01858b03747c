import { Message, Sender } from '../../src/index.js';
import { type RequestBody, recordingTransport } from '../../src/testing/index.js';

export const TOKEN = 'e6f1c0de-5eed-4b1a-9c3d-5ec7e7f00ba7';

/** A valid plain message to `to`. */
export function plain(to = 'ada@example.com', subject = 'Hi'): Message {
  return Message.from('app@example.com').to(to).subject(subject).text('Hello');
}

/** A valid templated message to `to`. */
export function templated(to = 'ada@example.com', alias: string | number = 'welcome'): Message {
  return Message.from('app@example.com').to(to).template(alias, { name: 'Ada' });
}

/** Postmark's answer to an accepted message. */
export function accepted(to: string, id = `id-${to}`) {
  return {
    To: to,
    SubmittedAt: '2024-05-01T10:00:00.1234567-04:00',
    MessageID: id,
    ErrorCode: 0,
    Message: 'OK',
  };
}

/** `n` plain messages to user0@example.com, user1@example.com, ... */
export function many(n: number): Message[] {
  const base = Message.from('app@example.com').subject('Hi').text('Hello');
  return Array.from({ length: n }, (_, i) => base.to(`user${i}@example.com`));
}

/** A Sender over a recording transport, retrying without delay, and that transport. */
export function recordingSender(options: Partial<ConstructorParameters<typeof Sender>[0]> = {}) {
  const transport = recordingTransport();
  return {
    transport,
    mailer: new Sender({ serverToken: TOKEN, transport, retry: { baseDelay: 0 }, ...options }),
  };
}

/** A transport request's body as text (requests with attachments carry UTF-8 bytes). */
export function bodyText(body: RequestBody | undefined): string {
  return body === undefined || typeof body === 'string'
    ? (body ?? '')
    : new TextDecoder().decode(body);
}
