import { afterAll, beforeAll } from 'vitest';
import { createBouncesApi } from '../../src/api/bounces.js';
import { deliveryStats } from '../../src/api/delivery-stats.js';
import { createInboundApi } from '../../src/api/inbound.js';
import { createInboundRulesApi } from '../../src/api/inbound-rules.js';
import { createMessagesApi } from '../../src/api/messages.js';
import { createWebhooksApi } from '../../src/api/webhooks.js';
import { Account, Message, Sender, Server } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { createClient } from '../../src/transport/client.js';
import { kyTransport } from '../../src/transport/ky-transport.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../../src/transport/retry.js';
import { TOKEN } from '../helpers/fixtures.js';
import { API } from '../helpers/nock.js';

/** The APIs over real HTTP to `API` (intercepted by nock), with retries that do not wait. */
export function apis(
  options: { retry?: Partial<RetryPolicy>; timeout?: number; baseUrl?: string } = {},
) {
  const client = createClient({
    transport: kyTransport({ baseUrl: options.baseUrl ?? API }),
    token: TOKEN,
    timeout: options.timeout ?? 2000,
    retry: { ...DEFAULT_RETRY, baseDelay: 0, ...options.retry },
    random: () => 0,
  });
  return {
    bounces: createBouncesApi(client),
    messages: createMessagesApi(client),
    deliveryStats: () => deliveryStats(client),
    webhooks: createWebhooksApi(client),
    inboundRules: createInboundRulesApi(client),
    inbound: createInboundApi(client),
  };
}

export const reqheaders = {
  'x-postmark-server-token': TOKEN,
  accept: 'application/json',
};

/** A bounce as Postmark's reference shows one, with `overrides` laid over it. */
export function postmarkBounce(overrides: Record<string, unknown> = {}) {
  return {
    ID: 692560173,
    Type: 'HardBounce',
    TypeCode: 1,
    Name: 'Hard bounce',
    Tag: 'Invitation',
    MessageID: '2c1b63fe-43f2-4db5-91b0-8bdfa44a9316',
    ServerID: 23,
    MessageStream: 'outbound',
    Description:
      'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    Details: 'action: failed\r\n',
    Email: 'anything@blackhole.example.com',
    From: 'sender@example.com',
    BouncedAt: '2024-01-15T16:09:19.6421112-05:00',
    DumpAvailable: true,
    Inactive: true,
    CanActivate: true,
    Subject: 'Welcome',
    Content: 'Return-Path:<>\r\n',
    ...overrides,
  };
}

/** An outbound message summary as GET /messages/outbound lists it. */
export function postmarkMessage(overrides: Record<string, unknown> = {}) {
  return {
    Tag: 'welcome',
    MessageID: '0ac29aee-e1cd-480d-b08d-4f48548ff48d',
    MessageStream: 'outbound',
    To: [{ Email: 'ada@example.com', Name: null }],
    Cc: [],
    Bcc: [{ Email: 'audit@example.com', Name: 'Audit' }],
    Recipients: ['ada@example.com', 'audit@example.com'],
    ReceivedAt: '2024-07-01T09:30:00.5000000-04:00',
    From: '"App" <app@example.com>',
    Subject: 'Hi',
    Attachments: ['terms.txt'],
    Status: 'Sent',
    TrackOpens: true,
    TrackLinks: 'HtmlAndText',
    Metadata: { userId: '42' },
    Sandboxed: false,
    ...overrides,
  };
}

/** A delivery event as in `MessageEvents`. */
export function postmarkEvent(
  Type: string,
  Recipient: string,
  Details: Record<string, unknown> = {},
  ReceivedAt = '2024-07-01T09:30:05Z',
) {
  return { Recipient, Type, ReceivedAt, Details };
}

/** Message details with `events`, for one or more recipients. */
export function postmarkDetails(
  events: ReturnType<typeof postmarkEvent>[],
  overrides: Record<string, unknown> = {},
) {
  return {
    ...postmarkMessage(),
    TextBody: 'Hello',
    HtmlBody: '<p>Hello</p>',
    Body: 'MIME-Version: 1.0\r\n',
    MessageEvents: events,
    ...overrides,
  };
}

/** Resolves to what `promise` rejected with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/**
 * A sandbox for the tests of one file, started before them and closed after: a Sender on it
 * (From app@example.com, with `defaults` laid over), a Server over the same token, and an
 * Account over the sandbox's account token.
 */
export function onSandbox(options: { eventDelayMs?: number; defaults?: Message } = {}) {
  const e2e = {} as { sandbox: Sandbox; mailer: Sender; server: Server; account: Account };
  beforeAll(async () => {
    e2e.sandbox = await startSandbox({ eventDelayMs: options.eventDelayMs ?? 5 });
    e2e.mailer = new Sender({
      serverToken: e2e.sandbox.token,
      baseUrl: e2e.sandbox.url,
      defaults: options.defaults ?? Message.from('app@example.com'),
      retry: { baseDelay: 0 },
    });
    e2e.server = Server.of(e2e.mailer);
    e2e.account = new Account({
      accountToken: e2e.sandbox.accountToken,
      baseUrl: e2e.sandbox.url,
      retry: { baseDelay: 0 },
    });
  });
  afterAll(() => e2e.sandbox.close());
  return e2e;
}

/** `waitFor()` options that poll fast, for the sandbox. */
export const quick = { interval: 10, maxInterval: 50, timeout: 5000 };
