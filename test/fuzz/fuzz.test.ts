// Arbitrary values in every field of a message, as a careless or hostile caller may pass
// them: the builder, Message.create() and Message.fromJSON() throw nothing but a
// MessageValidationError, and whatever validates serializes; the sandbox answers every
// request body with Postmark's errors, never a crash (500).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMessageValidationError, Message } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { messageBody } from '../../src/serialize/body.js';
import { client } from '../sandbox/helpers.js';

const cyclic = (): Record<string, unknown> => {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  return value;
};
const exotic = fc.constantFrom<unknown>(
  10n,
  new Map([['a', 1]]),
  new Set([1]),
  new Date(0),
  /x/,
  () => 1,
  Symbol('s'),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  2 ** 60,
  new Uint8Array([1, 2]),
  new ArrayBuffer(2),
  Object.create(null),
  JSON.parse('{"__proto__":{"x":1}}'),
  'a\r\nBcc: attacker@evil.test',
  'nul\u0000',
  'Evil <a@evil.test> <v@example.com>',
  'ada@example.com',
  { email: 'ada@example.com', name: 'Ada' },
  { name: 'a.txt', content: 'x' },
  ['ada@example.com', 42],
);
// JSON-ish values, with the exotic ones mixed in at every depth.
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.anything({ maxDepth: 2 }),
    exotic,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
  ),
}));

const METHODS = [
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'setRecipients',
  'withoutRecipient',
  'subject',
  'text',
  'html',
  'tag',
  'metadata',
  'header',
  'attach',
  'trackOpens',
  'trackLinks',
  'stream',
  'template',
  'inlineCss',
] as const;
const FIELDS = [
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'text',
  'html',
  'tag',
  'metadata',
  'headers',
  'attachments',
  'trackOpens',
  'trackLinks',
  'stream',
  'template',
  'templateModel',
  'inlineCss',
];
const JSON_FIELDS = [
  'From',
  'To',
  'Cc',
  'Bcc',
  'ReplyTo',
  'Subject',
  'HtmlBody',
  'TextBody',
  'TemplateId',
  'TemplateAlias',
  'TemplateModel',
  'InlineCss',
  'Tag',
  'Headers',
  'TrackOpens',
  'TrackLinks',
  'Metadata',
  'MessageStream',
  'Attachments',
];

// A start most calls can build on, so that runs also reach validate() and the serializer.
const start = Message.from('app@example.com').to('ada@example.com').text('Hello');

/** Runs `build`; anything thrown but a MessageValidationError fails the property. */
function onlyValidationErrors(build: () => Message): Message | undefined {
  try {
    return build();
  } catch (error) {
    if (isMessageValidationError(error)) return undefined;
    throw error;
  }
}

/** What validates must serialize, as JSON and as a request body, and read back. */
function serializes(message: Message | undefined): void {
  if (!message?.validate().ok) return;
  const text = JSON.stringify(message);
  messageBody(message.data);
  expect(Message.fromJSON(JSON.parse(text)).validate().ok).toBe(true);
}

const record = (keys: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...keys, 'unknownField'), value, { maxKeys: 6 });

describe('fuzz: arbitrary values in every field', () => {
  it('the fluent calls', () => {
    const call = fc.tuple(fc.constantFrom(...METHODS), fc.array(value, { maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 6 }), (calls) => {
        let message = start;
        for (const [method, args] of calls) {
          const next = onlyValidationErrors(() =>
            (message[method] as (...a: unknown[]) => Message)(...args),
          );
          if (next) message = next;
        }
        serializes(message);
      }),
      { numRuns: 400 },
    );
  });

  it('Message.create()', () => {
    fc.assert(
      fc.property(record(FIELDS), (init) => {
        serializes(
          onlyValidationErrors(() => Message.create({ ...start.toJSON(), ...init } as never)),
        );
        serializes(onlyValidationErrors(() => Message.create(init as never)));
      }),
      { numRuns: 400 },
    );
  });

  it('Message.fromJSON()', () => {
    fc.assert(
      fc.property(record(JSON_FIELDS), (json) => {
        serializes(onlyValidationErrors(() => Message.fromJSON({ ...start.toJSON(), ...json })));
        serializes(onlyValidationErrors(() => Message.fromJSON(json)));
      }),
      { numRuns: 400 },
    );
    for (const json of [null, 42, 'x', [], cyclic(), new Map()])
      onlyValidationErrors(() => Message.fromJSON(json));
  });
});

describe('fuzz: the sandbox reads any request body', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ eventDelayMs: 0 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('answers every body with Postmark’s codes, never a 500', async () => {
    // What JSON can carry: the values of the exotic list that survive JSON.stringify.
    const json = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      fc.dictionary(fc.constantFrom(...JSON_FIELDS, 'Unknown'), json, { maxKeys: 8 }),
      fc.array(fc.dictionary(fc.constantFrom(...JSON_FIELDS), json, { maxKeys: 6 }), {
        maxLength: 3,
      }),
      json,
    );
    const api = client(sandbox);
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom(
          '/email',
          '/email/batch',
          '/email/withTemplate',
          '/email/batchWithTemplates',
        ),
        async (payload, path) => {
          const response = await api.post(path, payload);
          expect(response.status).not.toBe(500);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});
