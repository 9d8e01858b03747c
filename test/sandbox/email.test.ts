import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/postmark/limits.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { addresses, client, message, messageOfSize } from './helpers.js';

let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 5, messageStreams: ['eu-outbound'] });
  api = client(sandbox);
});
afterAll(() => sandbox.close());

const byId = (id: string) => sandbox.messages().find((stored) => stored.MessageID === id);

describe('POST /email', () => {
  it('accepts a valid message with Postmark’s response shape and stores it', async () => {
    const sent = message({
      To: 'Ada <ada@example.com>',
      Tag: 'welcome',
      Metadata: { userId: '42' },
    });
    const response = await api.post('/email', sent);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      To: 'Ada <ada@example.com>',
      SubmittedAt: expect.any(String),
      MessageID: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      ),
      ErrorCode: 0,
      Message: 'OK',
    });
    expect(new Date(response.body.SubmittedAt).toISOString()).toBe(response.body.SubmittedAt);
    expect(byId(response.body.MessageID)).toEqual({
      ...sent,
      MessageID: response.body.MessageID,
      SubmittedAt: response.body.SubmittedAt,
      MessageStream: 'outbound',
    });
  });

  it('hands out frozen records', async () => {
    const response = await api.post('/email', message());
    const stored = byId(response.body.MessageID);
    expect(Object.isFrozen(stored)).toBe(true);
  });

  it('requires a From', async () => {
    const response = await api.post('/email', message({ From: undefined }));
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(300);
  });

  it('requires at least one recipient', async () => {
    const response = await api.post('/email', message({ To: undefined }));
    expect(response.body).toMatchObject({ ErrorCode: 300, Message: 'Zero recipients specified' });
  });

  it('rejects a malformed address', async () => {
    const response = await api.post('/email', message({ To: 'not-an-address' }));
    expect(response.body.ErrorCode).toBe(300);
    expect(response.body.Message).toContain("'To'");
  });

  it('reads quoted names with commas as one address, and refuses them unquoted', async () => {
    const quoted = await api.post(
      '/email',
      message({ To: '"Bob, Jr." <bob@example.com>, ada@example.com' }),
    );
    expect(quoted.status).toBe(200);
    const unquoted = await api.post('/email', message({ To: 'Bob, Jr. <bob@example.com>' }));
    expect(unquoted.body.ErrorCode).toBe(300);
  });

  it('accepts 50 recipients across To, Cc and Bcc and rejects 51', async () => {
    const fifty = message({
      To: addresses(20, 'to'),
      Cc: addresses(20, 'cc'),
      Bcc: addresses(10, 'bcc'),
    });
    expect((await api.post('/email', fifty)).status).toBe(200);
    const fiftyOne = { ...fifty, Bcc: addresses(11, 'bcc') };
    const response = await api.post('/email', fiftyOne);
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(300);
    expect(response.body.Message).toContain('51');
  });

  it('requires HtmlBody or TextBody', async () => {
    const response = await api.post('/email', message({ TextBody: undefined }));
    expect(response.body.ErrorCode).toBe(300);
    expect(
      (await api.post('/email', message({ TextBody: undefined, HtmlBody: '<p>Hi</p>' }))).status,
    ).toBe(200);
  });

  it('rejects forbidden attachment extensions in any case with ErrorCode 411', async () => {
    const spaces = ['a.exe\u00a0', 'a.exe\u3000', 'a.exe\u2003.', 'a.exe\ufeff', 'a.exe \u00a0. '];
    for (const name of ['setup.EXE', 'run.bat', 'x.Vbs', 'trailing.exe.', ...spaces]) {
      const response = await api.post(
        '/email',
        message({
          Attachments: [{ Name: name, Content: 'AAAA', ContentType: 'application/octet-stream' }],
        }),
      );
      expect(response.status, name).toBe(422);
      expect(response.body.ErrorCode, name).toBe(411);
    }
    const fine = await api.post(
      '/email',
      message({ Attachments: [{ Name: 'exe.txt', Content: 'aGk=', ContentType: 'text/plain' }] }),
    );
    expect(fine.status).toBe(200);
  });

  it('refuses an attachment name with a tab, another control character or a colon (300)', async () => {
    for (const name of [
      'a.exe\t',
      'a\tb.pdf',
      'A.Exe:stream',
      'a.exe:Zone.Identifier',
      'x\u0085.pdf',
    ]) {
      const response = await api.post(
        '/email',
        message({ Attachments: [{ Name: name, Content: 'aGk=', ContentType: 'text/plain' }] }),
      );
      expect(response.status, name).toBe(422);
      expect(response.body.ErrorCode, name).toBe(300);
      expect(response.body.Message, name).toContain('Attachments[0].Name');
    }
  });

  it('names a bad TemplateId as TemplateId on /email/withTemplate, with one problem', async () => {
    const templated = { From: 'a@example.com', To: 'b@example.com', TemplateModel: {} };
    for (const [id, errorCode] of [
      [1e300, 300],
      [2 ** 60, 300],
      [1.5, 403],
    ] as const) {
      const response = await api.post('/email/withTemplate', { ...templated, TemplateId: id });
      expect(response.body.ErrorCode, String(id)).toBe(errorCode);
      expect(response.body.Message, String(id)).toMatch(/^'TemplateId': /);
      expect(response.body.Message, String(id)).not.toContain('TemplateAlias');
    }
  });

  it('checks attachment content type, base64 and ContentID', async () => {
    const attach = (attachment: Record<string, unknown>) =>
      api.post(
        '/email',
        message({
          Attachments: [
            { Name: 'a.txt', Content: 'aGk=', ContentType: 'text/plain', ...attachment },
          ],
        }),
      );
    expect((await attach({ ContentType: 'not a type' })).body.ErrorCode).toBe(300);
    expect((await attach({ Content: 'not base64!' })).body.ErrorCode).toBe(300);
    expect((await attach({ ContentID: 'cid:has space' })).body.ErrorCode).toBe(300);
    expect((await attach({ ContentID: '<x>"y' })).body.ErrorCode).toBe(300);
    expect((await attach({ ContentID: 'cid:logo.png' })).status).toBe(200);
  });

  it('accepts a message of exactly 10,000,000 bytes of JSON and answers 413 for one byte more', async () => {
    const exact = messageOfSize(DEFAULT_LIMITS.maxMessageBytes);
    expect((await api.postRaw('/email', exact)).status).toBe(200);
    const over = await api.postRaw('/email', messageOfSize(DEFAULT_LIMITS.maxMessageBytes + 1));
    expect(over.status).toBe(413);
    expect(over.body.ErrorCode).toBe(300);
  });

  it('limits each body to 5,000,000 bytes of UTF-8', async () => {
    // 'é' is two bytes: 2,500,000 characters are exactly the limit, one more is over.
    expect((await api.post('/email', message({ TextBody: 'é'.repeat(2_500_000) }))).status).toBe(
      200,
    );
    const over = await api.post('/email', message({ HtmlBody: `${'é'.repeat(2_500_000)}x` }));
    expect(over.body.ErrorCode).toBe(300);
    expect(over.body.Message).toContain('HtmlBody');
  });

  it('limits the tag to 1000 characters', async () => {
    expect((await api.post('/email', message({ Tag: 't'.repeat(1000) }))).status).toBe(200);
    expect((await api.post('/email', message({ Tag: 't'.repeat(1001) }))).body.ErrorCode).toBe(300);
  });

  it('rejects metadata keys that differ only in case', async () => {
    const response = await api.post('/email', message({ Metadata: { userId: '1', UserID: '2' } }));
    expect(response.body.ErrorCode).toBe(300);
    expect(response.body.Message).toContain('case');
  });

  it('rejects header values with line breaks', async () => {
    const response = await api.post(
      '/email',
      message({ Headers: [{ Name: 'X-Test', Value: 'a\r\nBcc: evil@example.com' }] }),
    );
    expect(response.body.ErrorCode).toBe(300);
  });

  it('rejects an unknown TrackLinks value', async () => {
    expect((await api.post('/email', message({ TrackLinks: 'Always' }))).body.ErrorCode).toBe(300);
    expect((await api.post('/email', message({ TrackLinks: 'HtmlOnly' }))).status).toBe(200);
  });

  it('answers 1235 for an unknown message stream and accepts known ones', async () => {
    expect((await api.post('/email', message({ MessageStream: 'nope' }))).body.ErrorCode).toBe(
      1235,
    );
    for (const stream of ['outbound', 'broadcast', 'eu-outbound']) {
      const response = await api.post('/email', message({ MessageStream: stream }));
      expect(response.status, stream).toBe(200);
      expect(byId(response.body.MessageID)?.MessageStream).toBe(stream);
    }
  });
});

describe('sender signatures', () => {
  it('answers ErrorCode 400 for a From outside the configured signatures', async () => {
    const signed = await startSandbox({
      senderSignatures: ['app@example.com', 'team.example.org'],
      eventDelayMs: 0,
    });
    try {
      const signedApi = client(signed);
      expect(
        (await signedApi.post('/email', message({ From: 'App <APP@example.com>' }))).status,
      ).toBe(200);
      expect(
        (await signedApi.post('/email', message({ From: 'anyone@team.example.org' }))).status,
      ).toBe(200);
      const response = await signedApi.post('/email', message({ From: 'other@example.com' }));
      expect(response.status).toBe(422);
      expect(response.body.ErrorCode).toBe(400);
    } finally {
      await signed.close();
    }
  });
});

describe('limits overrides', () => {
  it('enforces the numbers given in options.limits', async () => {
    const strict = await startSandbox({
      limits: { maxRecipients: 2, maxTagLength: 3 },
      eventDelayMs: 0,
    });
    try {
      const strictApi = client(strict);
      expect((await strictApi.post('/email', message({ To: addresses(3) }))).body.ErrorCode).toBe(
        300,
      );
      expect((await strictApi.post('/email', message({ To: addresses(2) }))).status).toBe(200);
      expect((await strictApi.post('/email', message({ Tag: 'long' }))).body.ErrorCode).toBe(300);
    } finally {
      await strict.close();
    }
  });
});
