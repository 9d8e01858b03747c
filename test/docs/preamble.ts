import nodemailer from 'nodemailer';
import pg from 'pg';
import { Account, Message, Sender, Server } from '../../src/index.js';
import { postmarkTransport } from '../../src/nodemailer/index.js';
import { createOutbox } from '../../src/queue/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.mjs';

// What a documentation fragment (a ```ts block without `run`) may use without defining it:
// the things an application around the fragment would have. Each fragment runs against a
// fresh sandbox, which stands in for api.postmarkapp.com (the environment and fetch point
// there), so that no example ever reaches the real API. Everything else a fragment uses it
// must import itself: a missing import fails the docs test as it would fail a reader.
//
// README.md ("Examples in the docs") lists these names; keep the two in step.

/** The application's stand-ins a fragment may call: they record what they were given. */
export interface Stand {
  readonly calls: unknown[][];
}

const POSTMARK = 'https://api.postmarkapp.com';

// One throwaway PostgreSQL for the docs' queue examples, started on the first that needs it.
let database: Promise<ThrowawayPostgres> | undefined;

function sharedDatabase(): Promise<ThrowawayPostgres> {
  database ??= startPostgres().then(async (db) => {
    // The table docs/queue.md's transaction example writes its order into.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE orders (id serial PRIMARY KEY, customer text, total int)');
    await client.end();
    return db;
  });
  return database;
}

/** Stops the docs' PostgreSQL, if an example started it. */
export async function stopPreambleDatabase(): Promise<void> {
  if (database) await (await database).stop();
  database = undefined;
}

export async function startPreamble(options: { readonly database?: boolean } = {}) {
  const sandbox = await startSandbox({
    eventDelayMs: 0,
    templates: [
      { Name: 'Welcome', Alias: 'welcome', Subject: 'Hi {{name}}', TextBody: 'Hello {{name}}' },
    ],
  });
  const saved = { env: { ...process.env }, fetch: globalThis.fetch };
  Object.assign(process.env, {
    POSTMARK_SERVER_TOKEN: sandbox.token,
    POSTMARK_BASE_URL: sandbox.url,
    POSTMARK_DEFAULT_FROM: 'app@example.com',
    POSTMARK_ACCOUNT_TOKEN: sandbox.accountToken,
    // docs/webhooks.md's handlers read it as required: unset, webhookHandler throws.
    POSTMARK_WEBHOOK_PASSWORD: 'docs-webhook-secret',
  });
  // A Sender made as the docs show it for production (`new Sender({ serverToken })`) talks
  // to api.postmarkapp.com: here that is the sandbox.
  const original = saved.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(POSTMARK)) return original(request);
    return original(new Request(sandbox.url + request.url.slice(POSTMARK.length), request));
  }) as typeof fetch;

  const calls: unknown[][] = [];
  const stand =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const mailer = new Sender({
    serverToken: sandbox.token,
    baseUrl: sandbox.url,
    defaults: Message.from('app@example.com'),
  });
  // One hard bounce, so that the bounce examples have one to read.
  await mailer.send(
    Message.to('hardbounce@bounce-testing.postmarkapp.com').subject('Welcome').text('Hello'),
  );
  sandbox.flushEvents();
  // The queue's examples get a database (DATABASE_URL) and an outbox over `mailer` on it.
  const db = options.database ? await sharedDatabase() : undefined;
  if (db) process.env.DATABASE_URL = db.url;
  const pool = db ? new pg.Pool({ connectionString: db.url }) : undefined;
  const outbox = db
    ? createOutbox({
        connectionString: db.url,
        sender: mailer,
        queue: `docs-${calls.length}-${Date.now()}`,
      })
    : undefined;
  const names = {
    sandbox,
    mailer,
    server: Server.of(mailer),
    account: new Account({ accountToken: sandbox.accountToken, baseUrl: sandbox.url }),
    serverToken: sandbox.token,
    outbox,
    pool,
    transporter: nodemailer.createTransport(postmarkTransport({ sender: mailer })),
    message: Message.to('ada@example.com').subject('Hi').text('Hello'),
    messages: ['ada', 'bob', 'cy'].map((n) =>
      Message.to(`${n}@example.com`).subject('Hi').text('Hello'),
    ),
    users: [
      { email: 'ada@example.com', news: 'Ada, the news' },
      { email: 'bob@example.com', news: 'Bob, the news' },
    ],
    addresses: ['ada@example.com', 'bob@example.com'],
    signal: new AbortController().signal,
    queue: { later: stand('queue.later'), retryLater: stand('queue.retryLater') },
    suppress: stand('suppress'),
    unsubscribe: stand('unsubscribe'),
    log: stand('log'),
    Bun: { env: process.env },
    Deno: { env: { get: (name: string) => process.env[name] } },
  };
  return {
    names,
    calls,
    async stop(this: void) {
      await outbox?.close();
      await pool?.end();
      globalThis.fetch = saved.fetch;
      for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
      Object.assign(process.env, saved.env);
      await (sandbox as Sandbox).close();
    },
  };
}

/** The names above, for the docs test to declare around each fragment. */
export const PREAMBLE_NAMES = [
  'sandbox',
  'mailer',
  'server',
  'account',
  'serverToken',
  'outbox',
  'pool',
  'transporter',
  'message',
  'messages',
  'users',
  'addresses',
  'signal',
  'queue',
  'suppress',
  'unsubscribe',
  'log',
  'Bun',
  'Deno',
] as const;
