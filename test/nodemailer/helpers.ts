import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { Message, Sender } from '../../src/index.js';
import { postmarkTransport } from '../../src/nodemailer/index.js';
import type { SandboxMessage } from '../../src/sandbox/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { recordingTransport } from '../../src/testing/index.js';

/**
 * A sandbox on 127.0.0.1 for the tests of one file, a Sender on it (From app@example.com) and
 * a real Nodemailer transporter over that Sender. `fluent(message)` is the JSON the same Sender
 * sends for a Message built with the fluent API (through the recording transport, so the
 * sandbox's store holds only what Nodemailer sent); `stored()` is what the sandbox took last.
 */
export function withTransporter(options: { defaults?: Message } = {}) {
  const e2e = {} as {
    sandbox: Sandbox;
    mailer: Sender;
    transporter: Transporter;
  };
  beforeAll(async () => {
    e2e.sandbox = await startSandbox({ eventDelayMs: 5 });
    e2e.mailer = new Sender({
      serverToken: e2e.sandbox.token,
      baseUrl: e2e.sandbox.url,
      defaults: options.defaults ?? Message.from('app@example.com'),
      retry: { baseDelay: 0 },
    });
    e2e.transporter = nodemailer.createTransport(postmarkTransport({ sender: e2e.mailer }));
  });
  beforeEach(() => e2e.sandbox.reset());
  afterAll(() => e2e.sandbox.close());

  return Object.assign(e2e, {
    /** The Postmark JSON the Sender sends for `message`. */
    async fluent(message: Message): Promise<Record<string, unknown>> {
      const transport = recordingTransport();
      await e2e.mailer.with({ transport }).send(message);
      return transport.messages[0] as Record<string, unknown>;
    },
    /** The last message the sandbox accepted, without what the sandbox added to it. */
    stored(): Record<string, unknown> {
      const messages = e2e.sandbox.messages();
      const { MessageID, SubmittedAt, ...json } = messages.at(-1) as SandboxMessage;
      return json;
    },
  });
}
