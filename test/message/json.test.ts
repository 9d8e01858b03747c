import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, Message, type MessageValidationError } from '../../src/index.js';
import { inspectPostmarkJson } from '../../src/message/read-json.js';
import { PostmarkEmailSchema, PostmarkTemplatedEmailSchema } from '../../src/schemas/index.js';
import { validationError } from './helpers.js';

const full = Message.from('Team <team@example.com>')
  .to('ada@example.com', { email: 'bob@example.com', name: 'Bob, Jr.' })
  .cc('x@example.com')
  .bcc('audit@example.com')
  .replyTo('help@example.com')
  .subject('Welcome')
  .text('Hello')
  .html('<p>Hello</p>')
  .tag('welcome')
  .metadata({ userId: '42' })
  .header('X-Campaign', 'spring')
  .attach({ name: 'terms.txt', content: 'Be nice.' })
  .attach({ name: 'logo.png', content: new Uint8Array([137, 80, 78, 71]), contentId: 'cid:logo' })
  .trackOpens(true)
  .trackLinks('HtmlAndText')
  .stream('outbound');

describe('toJSON()', () => {
  it('emits exactly the Postmark JSON', () => {
    expect(full.toJSON()).toEqual({
      From: 'Team <team@example.com>',
      To: 'ada@example.com, "Bob, Jr." <bob@example.com>',
      Cc: 'x@example.com',
      Bcc: 'audit@example.com',
      ReplyTo: 'help@example.com',
      Subject: 'Welcome',
      HtmlBody: '<p>Hello</p>',
      TextBody: 'Hello',
      Tag: 'welcome',
      Headers: [{ Name: 'X-Campaign', Value: 'spring' }],
      TrackOpens: true,
      TrackLinks: 'HtmlAndText',
      Metadata: { userId: '42' },
      Attachments: [
        { Name: 'terms.txt', Content: 'QmUgbmljZS4=', ContentType: 'text/plain' },
        { Name: 'logo.png', Content: 'iVBORw==', ContentType: 'image/png', ContentID: 'cid:logo' },
      ],
      MessageStream: 'outbound',
    });
    expect(v.is(PostmarkEmailSchema, full.toJSON())).toBe(true);
  });

  it('leaves empty fields out', () => {
    expect(Message.from('a@example.com').to('b@example.com').text('x').toJSON()).toEqual({
      From: 'a@example.com',
      To: 'b@example.com',
      TextBody: 'x',
    });
  });

  it('is what JSON.stringify sends', () => {
    expect(JSON.parse(JSON.stringify(full))).toEqual(full.toJSON());
  });
});

describe('Message.fromJSON()', () => {
  it('is the inverse of toJSON()', () => {
    expect(Message.fromJSON(full.toJSON())).toEqual(full);
    const templated = Message.from('a@example.com')
      .to('b@example.com')
      .template(42, { n: [1, { x: 'y' }] }, { inlineCss: false });
    expect(Message.fromJSON(templated.toJSON())).toEqual(templated);
    expect(v.is(PostmarkTemplatedEmailSchema, templated.toJSON())).toBe(true);
  });

  it('reports every problem at once, by Postmark’s field names', () => {
    const error = validationError(() =>
      Message.fromJSON({
        From: 'not-an-address',
        To: 'ok@example.com, bad',
        Subjet: 'typo',
        TrackLinks: 'Always',
        Headers: [{ Name: 'X-Ok', Value: 'a\r\nb' }],
        Attachments: [
          { Name: 'virus.exe', Content: 'AA==', ContentType: 'application/octet-stream' },
          { Name: 'a.txt', Content: 'not base64!', ContentType: 'text/plain' },
          { Name: 'b.txt', Content: 'AA==', ContentType: 'text/plain', ContentID: 'cid:b' },
        ],
      }),
    );
    expect(error.issues.map((i) => [i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['From', 'address.invalid'],
        ['To[1]', 'address.invalid'],
        ['Subjet', 'message.unknownField'],
        ['TrackLinks', 'schema.picklist'],
        ['Headers[0].Value', 'header.crlf'],
        ['Attachments[1].Content', 'schema.check'],
      ]),
    );
    expect(error.issues).toHaveLength(6);
    expect(error.issues.find((i) => i.path === 'Subjet')?.message).toBe(
      '"Subjet" is not a Postmark message field (did you mean "Subject"?)',
    );
    expect(error.issues.find((i) => i.path === 'TrackLinks')?.message).toMatch(
      /^expected one of "None", "HtmlAndText", "HtmlOnly", "TextOnly", got/,
    );
    // The rules that read a limit are validate()'s (the CLI runs both and reports all).
    const virus = Message.fromJSON({
      From: 'a@example.com',
      To: 'b@example.com',
      TextBody: 'x',
      Attachments: [
        { Name: 'virus.exe', Content: 'AA==', ContentType: 'application/octet-stream' },
      ],
    });
    expect(virus.validate()).toMatchObject({
      ok: false,
      issues: [{ path: 'attachments[0].name', code: 'attachment.forbiddenExtension' }],
    });
  });

  it('reads as Postmark reads: null is absent, base64 may be wrapped, a model is required', () => {
    const read = Message.fromJSON({
      From: 'a@example.com',
      To: 'b@example.com',
      Cc: null,
      TextBody: 'x',
      Tag: null,
      Attachments: [
        {
          Name: 'a.bin',
          Content: 'aGVs\r\nbG8=',
          ContentType: 'application/octet-stream',
          ContentID: null,
        },
      ],
    });
    expect(read.data.cc).toEqual([]);
    expect(read.data.tag).toBeUndefined();
    expect(new TextDecoder().decode(read.data.attachments[0]?.content)).toBe('hello');
    const noModel = validationError(() =>
      Message.fromJSON({ From: 'a@example.com', To: 'b@example.com', TemplateAlias: 'w' }),
    );
    expect(noModel.issues.map((i) => i.code)).toEqual(['template.modelMissing']);
  });

  it('refuses what is not a message object, and both TemplateId and TemplateAlias', () => {
    expect(validationError(() => Message.fromJSON([])).issues[0]?.code).toBe('message.type');
    expect(validationError(() => Message.fromJSON('x')).issues[0]?.code).toBe('message.type');
    const both = validationError(() =>
      Message.fromJSON({ TemplateId: 1, TemplateAlias: 'a', TemplateModel: {} }),
    );
    expect(both.issues.map((i) => i.code)).toContain('template.both');
  });

  it('names a bad TemplateId as TemplateId, once', () => {
    const templated = { From: 'a@example.com', To: 'b@example.com', TemplateModel: {} };
    const issues = (json: Record<string, unknown>) =>
      validationError(() => Message.fromJSON({ ...templated, ...json })).issues.map(
        (i) => `${i.path} ${i.code}`,
      );
    expect(issues({ TemplateId: 2 ** 60 })).toEqual(['TemplateId template.id']);
    expect(issues({ TemplateId: 1e300 })).toEqual(['TemplateId template.id']);
    expect(issues({ TemplateId: 0 })).toEqual(['TemplateId template.id']);
    expect(issues({ TemplateId: 1.5 })).toEqual(['TemplateId schema.integer']);
    expect(issues({ TemplateId: '7' })).toEqual(['TemplateId schema.number']);
    expect(issues({ TemplateAlias: 5 })).toEqual(['TemplateAlias schema.string']);
    expect(issues({ TemplateAlias: '\u0000' })).toEqual(['TemplateAlias template.id']);
    // A rule of validate() about the template, read from JSON (the CLI, the sandbox), too.
    const both = inspectPostmarkJson(
      { ...templated, TemplateId: 5, TextBody: 'x' },
      DEFAULT_LIMITS,
    );
    expect(both.issues.map((i) => `${i.path} ${i.code}`)).toEqual(['TemplateId content.both']);
  });
});

describe('Message.create()', () => {
  it('builds from a plain object', () => {
    const m = Message.create({
      from: 'app@example.com',
      to: ['a@example.com', { email: 'b@example.com', name: 'B' }],
      subject: 'Hi',
      text: 'Hello',
      headers: { 'X-A': '1' },
      attachments: [{ name: 'n.txt', content: 'x' }],
      template: undefined,
    });
    expect(m.toJSON()).toMatchObject({
      To: 'a@example.com, B <b@example.com>',
      Headers: [{ Name: 'X-A', Value: '1' }],
    });
    expect(
      Message.create({
        to: 'a@example.com',
        template: 'welcome',
        templateModel: { a: 1 },
        inlineCss: true,
      }).toJSON(),
    ).toEqual({
      To: 'a@example.com',
      TemplateAlias: 'welcome',
      TemplateModel: { a: 1 },
      InlineCss: true,
    });
  });

  it('reports unknown fields and every bad value together', () => {
    const error = validationError(() =>
      Message.create({
        to: ['a@example.com', 'bad', 'worse'],
        subjct: 'x',
        attachments: [
          { name: 'ok.txt', content: '' },
          { name: 'bad\u0000.txt', content: '' },
        ],
      } as never),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      'subjct',
      'to[1]',
      'to[2]',
      'attachments[1].name',
    ]);
  });
});

describe('fromJSON() names the Postmark field that was meant', () => {
  it('for a camelCase key or a near miss, at the top level only', () => {
    const issues = (json: object) => {
      try {
        Message.fromJSON({ From: 'a@example.com', TextBody: 'x', ...json });
        return [];
      } catch (error) {
        return (error as MessageValidationError).issues.map((issue) => issue.message);
      }
    };
    expect(issues({ subject: 'x' })).toEqual([
      '"subject" is not a Postmark message field (did you mean "Subject"?)',
    ]);
    expect(issues({ html: '<p>' })).toEqual([
      '"html" is not a Postmark message field (did you mean "HtmlBody"?)',
    ]);
    expect(issues({ messageStream: 'x' })[0]).toContain('(did you mean "MessageStream"?)');
    expect(issues({ Unrelated: 1 })).toEqual(['"Unrelated" is not a Postmark message field']);
  });
});
