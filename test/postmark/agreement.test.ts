// The SDK and the sandbox must give one answer to one question: a message that validate()
// accepts is one the sandbox accepts, and the reverse, for every rule a client can check.
// Messages are generated valid and broken in each such rule, as Postmark JSON, and each is
// asked of both: the SDK through Message.fromJSON() and validate() with the same limits, the
// sandbox over HTTP with the raw JSON (so it also sees what the SDK would never send).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMessageValidationError, type Limits, Message } from '../../src/index.js';
import { CLIENT_ONLY_RULES } from '../../src/postmark/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client } from '../sandbox/helpers.js';

const OVERRIDES: Partial<Limits> = {
  maxRecipients: 60,
  maxTagLength: 12,
  maxMetadataFields: 3,
  maxMessageBytes: 6000,
  forbiddenExtensions: ['txt', 'exe'],
};

const sandboxes: { limits: Partial<Limits> | undefined; sandbox: Sandbox }[] = [];

beforeAll(async () => {
  for (const limits of [undefined, OVERRIDES]) {
    const sandbox = await startSandbox({ eventDelayMs: 0, ...(limits ? { limits } : {}) });
    sandbox.addTemplate({ Alias: 'welcome', Name: 'Welcome', Subject: 'Hi', TextBody: 'Hello' });
    sandboxes.push({ limits, sandbox });
  }
});

afterAll(async () => {
  for (const { sandbox } of sandboxes) await sandbox.close();
});

const many = (n: number, domain = 'example.com') =>
  Array.from({ length: n }, (_, i) => `user${i}@${domain}`).join(', ');

// Each pool is mostly values every rule accepts, now and then one that breaks a rule, so that
// a message is as often accepted as refused and every rule is met many times.
const pool = <T>(valid: readonly T[], broken: readonly T[]) =>
  fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...broken) },
  );

const address = pool(
  [
    'ada@example.com',
    'Ada Lovelace <ada@example.com>',
    '"Bob, Jr." <bob@example.com>',
    'Ada L. <ada@example.com>',
    'josé@exämple.com',
  ],
  [
    'not-an-address',
    'a@b',
    '"john doe"@example.com',
    'a@[127.0.0.1]',
    'Bob: <bob@example.com>',
    'ada@example.com.',
    'a..b@example.com',
    '.a@example.com',
    'ada@example.com\r\nBcc: x@example.com',
    'Evil <attacker@evil.test> <victim@example.com>',
    'ada@exa\u0000mple.com',
    `${'x'.repeat(250)}@example.com`,
  ],
);
const addressList = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(address, { minLength: 1, maxLength: 3 }).map((l) => l.join(', ')),
  },
  { weight: 1, arbitrary: fc.constantFrom(many(51), many(61), '') },
);
const text = pool(['Hello', 'é', 'tab\there'], ['', 'Line\r\nBreak', 'nul\u0000', 'x'.repeat(13)]);
const body = pool(['Hello', 'é', 'Line\r\nBreak'], ['', 'x'.repeat(13)]);
const header = fc.record({
  Name: pool(['X-Campaign', 'X-Id'], ['Bad Name', 'X:Colon', '', 'X-Nul\u0000', 'Ünïcode']),
  Value: pool(['spring', '', 'tab\there'], ['a\r\nBcc: x@example.com', 'nul\u0000']),
});
const metadata = pool(
  [{ userId: '42' }, { a: '1', b: '2' }, {}],
  [
    { a: '1', A: '2' },
    { a: '1', b: '2', c: '3', d: '4' },
    { ['k'.repeat(21)]: 'v' },
    { k: 'v'.repeat(81) },
    { 'line\nkey': 'v' },
    { k: 'line\r\nvalue' },
    JSON.parse('{"__proto__":"x"}') as Record<string, string>,
    // The reserved key is left to the client, never the checks of its value or of the others.
    JSON.parse('{"__proto__":5}') as Record<string, string>,
    JSON.parse('{"__proto__":"x","k":"line\\r\\nvalue"}') as Record<string, string>,
    JSON.parse('{"constructor":5}') as Record<string, string>,
  ],
);
const attachmentName = pool(
  ['notes.pdf', 'photo.PNG', 'README'],
  [
    'virus.exe',
    'virus.EXE',
    'a.exe.',
    'a.exe ',
    '.exe',
    'a.exe::$DATA',
    'A.Exe:stream',
    'a.exe\t',
    'a.exe\u00a0',
    'folder/',
    'nul\u0000.pdf',
    'line\r\n.pdf',
    'notes.txt',
    '',
  ],
);
const contentType = pool(
  ['application/pdf', 'text/plain; charset=utf-8', 'image/png'],
  ['application/vnd.x*y', 'text/x~y', 'text/plain\r\n\r\n;x', 'not a type', ''],
);
const attachment = fc.record(
  {
    Name: attachmentName,
    Content: pool(['aGVsbG8=', 'aGVs\r\nbG8='], ['not base64!', 'A'.repeat(8000)]),
    ContentType: contentType,
    ContentID: pool(['cid:logo'], ['has space', 'ü', 'cid:a\r\nb', '<x>', 'a"b', '<<x>"y>']),
  },
  { requiredKeys: ['Name', 'Content', 'ContentType'] },
);

const common = {
  From: address,
  To: addressList,
  Cc: addressList,
  Bcc: addressList,
  ReplyTo: addressList,
  Tag: text,
  Headers: fc.array(header, { maxLength: 2 }),
  Metadata: metadata,
  Attachments: fc.array(attachment, { maxLength: 2 }),
  TrackOpens: fc.boolean(),
  TrackLinks: pool(['None', 'HtmlAndText', 'HtmlOnly', 'TextOnly'], ['Bogus']),
  MessageStream: pool(['outbound', 'broadcast'], ['']),
};

// Now and then a field of the wrong JSON type, or null (which Postmark takes as absent).
const wrongType = fc.constantFrom(42, true, [], { a: 1 }, null, '');
const noisy = <T extends Record<string, unknown>>(message: fc.Arbitrary<T>) =>
  fc
    .tuple(
      message,
      fc.option(fc.tuple(fc.constantFrom(...Object.keys(common)), wrongType), { freq: 12 }),
    )
    .map(([json, noise]) => (noise ? { ...json, [noise[0]]: noise[1] } : json));

const plainMessage = noisy(
  fc.record(
    {
      ...common,
      Subject: text,
      TextBody: body,
      HtmlBody: body,
      // Fields of /email/withTemplate, which /email ignores; the SDK refuses them (CLIENT_ONLY_RULES).
      TemplateModel: pool<unknown>([undefined], [{ name: 'Ada' }, {}]),
      InlineCss: pool([undefined], [false, true]),
    },
    { requiredKeys: ['From', 'To'] },
  ),
);
const templatedMessage = noisy(
  fc.record(
    {
      ...common,
      TemplateAlias: pool(['welcome'], ['']),
      TemplateModel: pool<unknown>([{ name: 'Ada' }, {}], [[], 'x']),
      InlineCss: fc.boolean(),
      // Postmark ignores these on /email/withTemplate; the SDK refuses them (CLIENT_ONLY_RULES).
      Subject: pool([undefined], ['Hello']),
      TextBody: pool([undefined], ['Hello']),
    },
    { requiredKeys: ['From', 'To', 'TemplateAlias'] },
  ),
);

interface Verdict {
  readonly ok: boolean;
  /** The SDK refused only for rules the sandbox leaves to the client (CLIENT_ONLY_RULES). */
  readonly clientOnly: boolean;
  /** What the sandbox must answer: the verdict on the message without what Postmark ignores. */
  readonly sandboxAccepts: boolean;
  readonly issues: readonly string[];
}

type Issue = { code: string; message: string; path: string };

function issuesOf(json: Record<string, unknown>, limits: Partial<Limits> | undefined): Issue[] {
  try {
    const result = Message.fromJSON(json).validate(limits ? { limits } : {});
    return result.ok ? [] : [...result.issues];
  } catch (error) {
    if (!isMessageValidationError(error)) throw error;
    return [...error.issues];
  }
}

// The fields a client-only rule is about: what Postmark ignores, and the sandbox with it.
function ignoredFields(issue: Issue): string[] {
  if (issue.code === 'content.both') return ['TextBody', 'HtmlBody'];
  if (issue.code === 'template.subject') return ['Subject'];
  if (issue.code === 'template.missing') return ['TemplateModel', 'InlineCss'];
  return [issue.path.replace(/[[.].*$/, '')];
}

function sdkVerdict(json: Record<string, unknown>, limits: Partial<Limits> | undefined): Verdict {
  const issues = issuesOf(json, limits);
  const clientOnly = issues.length > 0 && issues.every((i) => CLIENT_ONLY_RULES.has(i.code));
  let sandboxAccepts = issues.length === 0;
  if (clientOnly) {
    // Without the ignored fields, the rest of the message is judged as usual (it may be
    // refused for something the client-only rule hid, such as a rule of validate()).
    const rest = { ...json };
    for (const field of issues.flatMap(ignoredFields)) delete rest[field];
    const remaining = issuesOf(rest, limits).filter((i) => !CLIENT_ONLY_RULES.has(i.code));
    sandboxAccepts = remaining.length === 0;
  }
  return {
    ok: issues.length === 0,
    clientOnly,
    sandboxAccepts,
    issues: issues.map((i) => `${i.path} ${i.code}: ${i.message}`),
  };
}

async function post(sandbox: Sandbox, path: string, body: unknown) {
  return (await client(sandbox).post(path, body)).body as { ErrorCode?: number; Message?: string };
}

// What the runs saw, so that a property that never meets one of the outcomes fails.
const seen = { accepted: 0, refused: 0, clientOnly: 0 };

function agrees(sdk: Verdict, answer: { ErrorCode?: number; Message?: string }): boolean {
  const accepted = answer.ErrorCode === 0;
  seen[sdk.clientOnly ? 'clientOnly' : accepted ? 'accepted' : 'refused']++;
  return sdk.sandboxAccepts === accepted;
}

describe('the SDK and the sandbox agree on every client-checkable rule', () => {
  afterAll(() => {
    // Both outcomes must be common, or the property proves little.
    const total = seen.accepted + seen.refused + seen.clientOnly;
    expect(seen.accepted / total).toBeGreaterThan(0.05);
    expect(seen.refused / total).toBeGreaterThan(0.3);
  });

  it('messages built with the fluent calls: validate() decides as the sandbox does', async () => {
    // The builder checks shapes; everything that reads a limit is left to validate() and so
    // to the sandbox: recipients, tag length, metadata, file types, size.
    const chain = fc.record({
      cc: fc.integer({ min: 0, max: 70 }),
      tag: fc.integer({ min: 0, max: 1005 }),
      metadata: fc.integer({ min: 0, max: 12 }),
      file: attachmentName,
      bytes: fc.constantFrom(10, 4000, 7_600_000),
      templated: fc.boolean(),
    });
    for (const { sandbox, limits } of sandboxes) {
      await fc.assert(
        fc.asyncProperty(chain, async (c) => {
          let m = Message.from('app@example.com')
            .to('ada@example.com')
            .cc(many(c.cc).split(', ').filter(Boolean))
            .tag('t'.repeat(c.tag))
            .metadata(
              Object.fromEntries(Array.from({ length: c.metadata }, (_, i) => [`k${i}`, 'v'])),
            );
          m = c.templated ? m.template('welcome', { name: 'Ada' }) : m.text('Hello');
          try {
            m = m.attach({ name: c.file, content: new Uint8Array(c.bytes) });
          } catch (error) {
            if (!isMessageValidationError(error)) throw error; // a name the builder refuses
          }
          const result = m.validate(limits ? { limits } : {});
          const path = m.kind === 'template' ? '/email/withTemplate' : '/email';
          const answer = await post(sandbox, path, m.toJSON());
          expect({ accepted: answer.ErrorCode === 0, why: answer.Message }).toMatchObject({
            accepted: result.ok,
          });
        }),
        { numRuns: 60 },
      );
    }
  });

  it('the named differences are real: the SDK refuses, the sandbox accepts', async () => {
    const { sandbox, limits } = sandboxes[0] as (typeof sandboxes)[number];
    const plain = { From: 'a@example.com', To: 'b@example.com', TextBody: 'Hi' };
    const templated = {
      From: 'a@example.com',
      To: 'b@example.com',
      TemplateAlias: 'welcome',
      TemplateModel: {},
    };
    const cases = [
      ['message.unknownField', '/email', { ...plain, Subjct: 'typo' }],
      ['content.both', '/email/withTemplate', { ...templated, TextBody: 'Hi' }],
      ['template.subject', '/email/withTemplate', { ...templated, Subject: 'Hi' }],
      ['metadata.reservedKey', '/email', { ...plain, Metadata: JSON.parse('{"__proto__":"x"}') }],
      ['template.missing', '/email', { ...plain, TemplateModel: { name: 'Ada' } }],
      ['template.missing', '/email', { ...plain, InlineCss: false }],
    ] as const;
    expect([...new Set(cases.map(([code]) => code))].sort()).toEqual([...CLIENT_ONLY_RULES].sort());
    for (const [code, path, json] of cases) {
      const sdk = sdkVerdict(json, limits);
      expect(sdk.issues.join()).toContain(code);
      expect(sdk.clientOnly).toBe(true);
      expect((await post(sandbox, path, json)).ErrorCode).toBe(0);
    }
  });

  it('a rule left to the client hides no other: metadata under "__proto__" is checked as any', async () => {
    const { sandbox, limits } = sandboxes[0] as (typeof sandboxes)[number];
    const plain = { From: 'a@example.com', To: 'b@example.com', TextBody: 'Hi' };
    const cases = [
      ['metadata.type', 403, '{"__proto__":5}'],
      ['metadata.type', 403, '{"constructor":5}'],
      ['schema.string', 403, '{"a":5}'],
      ['metadata.control', 300, '{"__proto__":"x","k":"line\\r\\nvalue"}'],
      ['metadata.control', 300, '{"__proto__":"line\\nvalue"}'],
    ] as const;
    for (const [code, errorCode, metadata] of cases) {
      const json = { ...plain, Metadata: JSON.parse(metadata) };
      const sdk = sdkVerdict(json, limits);
      expect(sdk.clientOnly, metadata).toBe(false);
      expect(sdk.issues.join(), metadata).toContain(code);
      expect((await post(sandbox, '/email', json)).ErrorCode, metadata).toBe(errorCode);
    }
  });

  for (const index of [0, 1]) {
    const name = index === 0 ? 'default limits' : 'overridden limits';

    it(`single sends, ${name}`, async () => {
      const { sandbox, limits } = sandboxes[index] as (typeof sandboxes)[number];
      await fc.assert(
        fc.asyncProperty(fc.oneof(plainMessage, templatedMessage), async (json) => {
          const path = 'TemplateAlias' in json ? '/email/withTemplate' : '/email';
          const sdk = sdkVerdict(json, limits);
          const answer = await post(sandbox, path, json);
          if (!agrees(sdk, answer)) {
            throw new Error(
              `disagreement: SDK ${sdk.ok ? 'accepts' : `refuses (${sdk.issues.join('; ')})`}, sandbox answers ${answer.ErrorCode} ${answer.Message}`,
            );
          }
        }),
        { numRuns: 400 },
      );
    });

    it(`batch sends, ${name}`, async () => {
      const { sandbox, limits } = sandboxes[index] as (typeof sandboxes)[number];
      const batch = fc.oneof(
        fc.array(plainMessage, { minLength: 1, maxLength: 6 }).map((list) => ({
          path: '/email/batch',
          list,
          body: list as unknown,
        })),
        fc.array(templatedMessage, { minLength: 1, maxLength: 6 }).map((list) => ({
          path: '/email/batchWithTemplates',
          list,
          body: { Messages: list } as unknown,
        })),
      );
      await fc.assert(
        fc.asyncProperty(batch, async ({ path, list, body }) => {
          const answers = (await post(sandbox, path, body)) as unknown as {
            ErrorCode: number;
            Message: string;
          }[];
          expect(answers).toHaveLength(list.length);
          list.forEach((json, i) => {
            const sdk = sdkVerdict(json, limits);
            const answer = answers[i] as (typeof answers)[number];
            if (!agrees(sdk, answer)) {
              throw new Error(
                `disagreement at [${i}]: SDK ${sdk.ok ? 'accepts' : `refuses (${sdk.issues.join('; ')})`}, sandbox answers ${answer.ErrorCode} ${answer.Message}`,
              );
            }
          });
        }),
        { numRuns: 150 },
      );
    });
  }
});
