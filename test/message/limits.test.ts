// Every number a rule uses comes from the limits in force: overriding one changes the answer
// of validate(), of a Sender and of the sandbox alike, and the builder never reads one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, Message, Sender } from '../../src/index.js';
import { resolveLimits } from '../../src/postmark/limits.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { recordingTransport } from '../../src/testing/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import { client } from '../sandbox/helpers.js';

const many = (n: number) => Array.from({ length: n }, (_, i) => `r${i}@example.com`);
const base = Message.from('app@example.com').text('Hello');
const codes = (message: Message, limits?: Parameters<typeof resolveLimits>[0]) => {
  const result = message.validate(limits ? { limits } : {});
  return result.ok ? [] : result.issues.map((issue) => issue.code);
};

describe('limits in force', () => {
  it('counts To, Cc and Bcc against maxRecipients, Reply-To not', () => {
    const fifty = base.to(many(20)).cc(many(20)).bcc(many(10)).replyTo('help@example.com');
    expect(codes(fifty)).toEqual([]);
    expect(codes(fifty.bcc('one-more@example.com'))).toEqual(['recipients.tooMany']);
    expect(codes(fifty.bcc('one-more@example.com'), { maxRecipients: 100 })).toEqual([]);
  });

  it('reads the forbidden extensions as Windows and mail clients do, from the limits', () => {
    const refused = ['virus.EXE', 'x.tar.exe', 'a.exe.', 'a.exe ', 'a.exe. . ', '.exe', 'run.bat'];
    // White space of every kind is dropped from the end, as mail clients show the name.
    refused.push('a.exe\u00a0', 'a.exe\u3000', 'a.exe\u2003.', 'a.exe\ufeff', 'a.exe \u00a0. ');
    for (const name of refused) {
      expect(codes(base.to('a@example.com').attach({ name, content: 'x' }))).toEqual([
        'attachment.forbiddenExtension',
      ]);
    }
    for (const name of ['README', 'exe', 'report.exe.txt', 'notes.txt', 'a.', 'a.exe\u00a0.txt']) {
      expect(codes(base.to('a@example.com').attach({ name, content: 'x' }))).toEqual([]);
    }
    const txt = base.to('a@example.com').attach({ name: 'notes.TXT', content: 'x' });
    expect(codes(txt, { forbiddenExtensions: ['.TXT'] })).toEqual([
      'attachment.forbiddenExtension',
    ]);
    const exe = base.to('a@example.com').attach({ name: 'tool.exe', content: 'x' });
    expect(codes(exe, { forbiddenExtensions: ['txt'] })).toEqual([]);
  });

  it('measures the tag against maxTagLength', () => {
    const tagged = base.to('a@example.com').tag('t'.repeat(1001));
    expect(codes(tagged)).toEqual(['tag.tooLong']);
    expect(codes(tagged, { maxTagLength: 2000 })).toEqual([]);
    expect(codes(base.to('a@example.com').tag('t'.repeat(11)), { maxTagLength: 10 })).toEqual([
      'tag.tooLong',
    ]);
  });

  it('refuses a limit it does not know, or a value that is not one', () => {
    expect(() => resolveLimits({ maxRecipient: 10 } as never)).toThrow(
      /unknown limit 'maxRecipient'/,
    );
    expect(() => resolveLimits({ maxRecipients: 0 })).toThrow(/limits.maxRecipients/);
    expect(() => resolveLimits({ maxRecipients: 1.5 })).toThrow(/whole number/);
    expect(() => resolveLimits({ forbiddenExtensions: 'exe' as never })).toThrow(/list/);
    expect(() => new Sender({ serverToken: TOKEN, limits: { maxTagLenght: 5 } as never })).toThrow(
      /unknown limit/,
    );
  });

  it('validate() takes { limits } or the limits themselves, and refuses any other option', () => {
    const crowd = base.to(many(60));
    expect(crowd.validate({ limits: { maxRecipients: 100 } }).ok).toBe(true);
    expect(crowd.validate({ maxRecipients: 100 }).ok).toBe(true);
    expect(crowd.validate({ ...DEFAULT_LIMITS, maxRecipients: 100 }).ok).toBe(true);
    expect(crowd.validate(DEFAULT_LIMITS).ok).toBe(false);
    expect(crowd.validate({}).ok).toBe(false);
    expect(crowd.validate({ limits: undefined }).ok).toBe(false);
    expect(() => crowd.validate({ limit: { maxRecipients: 100 } } as never)).toThrow(
      /unknown validate\(\) option "limit" \(did you mean "limits"\?\)/,
    );
    expect(() => crowd.validate({ maxRecipent: 100 } as never)).toThrow(
      /did you mean "maxRecipients"/,
    );
    expect(() =>
      crowd.validate({ limits: { maxRecipients: 100 }, maxTagLength: 5 } as never),
    ).toThrow(/not both/);
    for (const wrong of ['x', 5, null, [], new Map()]) {
      expect(() => crowd.validate(wrong as never)).toThrow(TypeError);
    }
    expect(() => crowd.validate({ limits: 'x' } as never)).toThrow(/limits must be an object/);
    // An object that inherits its limits is no plain object: refused, never read through.
    expect(() => crowd.validate(Object.create({ maxRecipients: 100 }))).toThrow(TypeError);
  });

  it('reads only own properties of the overrides', () => {
    const polluted = Object.create({ maxRecipients: 1 });
    expect(resolveLimits(polluted).maxRecipients).toBe(DEFAULT_LIMITS.maxRecipients);
  });
});

describe('a Sender and a sandbox with the same overrides', () => {
  let sandbox: Sandbox;
  const limits = { maxRecipients: 100, forbiddenExtensions: ['txt'] };
  beforeAll(async () => {
    sandbox = await startSandbox({ eventDelayMs: 0, limits });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('send the 51st recipient and an .exe, and refuse a .txt, before any request', async () => {
    const transport = recordingTransport();
    const mailer = new Sender({ serverToken: TOKEN, transport, limits });
    const crowded = base.to(many(60)).attach({ name: 'tool.exe', content: 'x' });
    await expect(mailer.send(crowded)).resolves.toMatchObject({ messageId: expect.any(String) });
    await expect(
      mailer.send(base.to('a@example.com').attach({ name: 'notes.txt', content: 'x' })),
    ).rejects.toMatchObject({ issues: [{ code: 'attachment.forbiddenExtension' }] });
    expect(transport.calls).toHaveLength(1);

    // A Sender with the default limits refuses what the overrides allowed.
    const strict = new Sender({ serverToken: TOKEN, transport });
    await expect(strict.send(crowded)).rejects.toMatchObject({
      issues: [{ code: 'recipients.tooMany' }, { code: 'attachment.forbiddenExtension' }],
    });
  });

  it('the sandbox answers as the Sender decided', async () => {
    const mailer = new Sender({ serverToken: sandbox.token, baseUrl: sandbox.url, limits });
    const crowded = base.to(many(60)).attach({ name: 'tool.exe', content: 'x' });
    await expect(mailer.send(crowded)).resolves.toMatchObject({ messageId: expect.any(String) });
    // Posted past the Sender's checks, the .txt is refused by the sandbox with Postmark's 411.
    const json = base.to('a@example.com').attach({ name: 'notes.txt', content: 'x' }).toJSON();
    expect((await client(sandbox).post('/email', json)).body.ErrorCode).toBe(411);
  });
});
