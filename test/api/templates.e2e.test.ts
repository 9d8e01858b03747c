import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import { client } from '../sandbox/helpers.js';
import { onSandbox, rejection } from './helpers.js';

// Real HTTP against the local sandbox: templates made through Server, sent through Sender.
const e2e = onSandbox({ eventDelayMs: 5 });

const last = () => e2e.sandbox.messages().at(-1);

describe('templates against the sandbox', () => {
  it('create → send by alias and by id → validate → edit → delete → 1101', async () => {
    const created = await e2e.server.templates.create({
      name: 'Welcome',
      alias: 'welcome',
      subject: 'Hi {{name}}',
      htmlBody: '<p>Hello {{name}}</p>',
      textBody: 'Hello {{name}}',
    });
    expect(created).toMatchObject({ name: 'Welcome', alias: 'welcome', templateType: 'Standard' });

    await e2e.mailer.send(Message.to('ada@example.com').template('welcome', { name: 'Ada & co' }));
    expect(last()).toMatchObject({ Subject: 'Hi Ada & co', HtmlBody: '<p>Hello Ada &amp; co</p>' });
    await e2e.mailer.send(
      Message.to('ada@example.com').template(created.templateId, { name: 'Bo' }),
    );
    expect(last()).toMatchObject({ Subject: 'Hi Bo', TextBody: 'Hello Bo' });

    const check = await e2e.server.templates.validate({
      subject: 'Total {{total}}',
      textBody: '{{#items}}{{/items}',
      testRenderModel: { total: 10 },
    });
    expect(check.allContentIsValid).toBe(false);
    expect(check.subject).toMatchObject({ contentIsValid: true, renderedContent: 'Total 10' });
    expect(check.textBody?.contentIsValid).toBe(false);
    expect(check.textBody?.validationErrors?.[0]?.message).toEqual(expect.any(String));

    await e2e.server.templates.edit('welcome', { subject: 'Welcome, {{name}}' });
    expect(await e2e.server.templates.get(created.templateId)).toMatchObject({
      subject: 'Welcome, {{name}}',
      textBody: 'Hello {{name}}',
    });
    const ids = [];
    for await (const t of e2e.server.templates.all()) ids.push(t.templateId);
    expect(ids).toContain(created.templateId);

    expect((await e2e.server.templates.delete('welcome')).message).toMatch(/removed/);
    const error = await rejection(
      e2e.mailer.send(Message.to('ada@example.com').template('welcome', { name: 'Ada' })),
    );
    expect(error).toMatchObject({ name: 'ApiError', errorCode: 1101 });
    expect(await rejection(e2e.server.templates.get('welcome'))).toMatchObject({ errorCode: 1101 });
  });

  it('wraps a Standard template in its Layout, and keeps a Layout in use', async () => {
    await e2e.server.templates.create({
      name: 'Frame',
      alias: 'frame',
      templateType: 'Layout',
      htmlBody: '<main>{{{@content}}}</main>',
      textBody: '--\n{{{@content}}}\n--',
    });
    await e2e.server.templates.create({
      name: 'Receipt',
      alias: 'receipt',
      layoutTemplate: 'frame',
      subject: 'Receipt {{n}}',
      htmlBody: '<p>{{n}}</p>',
      textBody: 'No. {{n}}',
    });
    await e2e.mailer.send(Message.to('ada@example.com').template('receipt', { n: 7 }));
    expect(last()).toMatchObject({
      Subject: 'Receipt 7',
      HtmlBody: '<main><p>7</p></main>',
      TextBody: '--\nNo. 7\n--',
    });
    const { templates } = await e2e.server.templates.list({ templateType: 'Layout' });
    expect(templates.map((t) => t.alias)).toEqual(['frame']);
    const layouts = await e2e.server.templates.list({ layoutTemplate: 'frame' });
    expect(layouts.templates.map((t) => t.alias)).toEqual(['receipt']);

    // A Layout is not sent on its own, and is not deleted while it wraps a template.
    const sendLayout = await rejection(
      e2e.mailer.send(Message.to('a@example.com').template('frame', {})),
    );
    expect(sendLayout).toMatchObject({ errorCode: 1101 });
    expect(await rejection(e2e.server.templates.delete('frame'))).toMatchObject({
      name: 'ApiError',
    });
    await e2e.server.templates.edit('receipt', { layoutTemplate: null });
    await e2e.server.templates.delete('frame');
    await e2e.mailer.send(Message.to('ada@example.com').template('receipt', { n: 8 }));
    expect(last()).toMatchObject({ HtmlBody: '<p>8</p>' });
  });

  it('refuses a template Postmark would refuse, naming the rule', async () => {
    const error = await rejection(
      e2e.server.templates.create({ name: 'Bad', subject: 'Hi {{#x}}', textBody: 'x' }),
    );
    expect(error).toMatchObject({ name: 'ApiError', errorCode: 300 });
    expect((error as Error).message).toMatch(/Subject does not parse/);
    const taken = await rejection(
      e2e.server.templates.create({ name: 'Dup', alias: 'receipt', subject: 's', textBody: 't' }),
    );
    expect((taken as Error).message).toMatch(/alias 'receipt' is already in use/);
  });
});

describe('the content rules of src/postmark/templates.ts, on both sides', () => {
  // Each input broken in one rule: the SDK refuses it before any request, naming the field,
  // and the sandbox, given the same template as Postmark JSON, refuses it with ErrorCode 300.
  const pascal = (input: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(input).map(([key, value]) => [
        `${key[0]?.toUpperCase()}${key.slice(1)}`,
        value,
      ]),
    );
  const broken = [
    [{ name: 'A', textBody: 'x' }, TypeError, /subject is required for a Standard template/],
    [{ name: 'A', subject: 'S' }, TypeError, /htmlBody or textBody is required/],
    [{ name: 'A', subject: 'S', htmlBody: '', textBody: '' }, TypeError, /htmlBody or textBody/],
    [
      { name: 'A', templateType: 'Layout', htmlBody: '<main></main>' },
      RangeError,
      /htmlBody of a Layout must hold \{\{\{@content\}\}\}/,
    ],
    [
      { name: 'A', templateType: 'Layout', htmlBody: '{{{@content}}}', textBody: 'no' },
      RangeError,
      /textBody of a Layout must hold/,
    ],
    [
      { name: 'A', templateType: 'Layout', textBody: '{{{ @content }}}', layoutTemplate: 'x' },
      RangeError,
      /layoutTemplate cannot be set on a Layout/,
    ],
    [
      { name: 'A', alias: '2fa', subject: 'S', textBody: 'x' },
      RangeError,
      /alias '2fa' must start with a letter and hold only letters, digits/,
    ],
    [{ name: 'A', alias: 'a b', subject: 'S', textBody: 'x' }, RangeError, /alias 'a b'/],
  ] as const;

  it('the SDK refuses each before any request; the sandbox refuses the same JSON', async () => {
    const api = client(e2e.sandbox);
    const before = (await e2e.server.templates.list()).totalCount;
    for (const [input, type, rule] of broken) {
      const error = await rejection(e2e.server.templates.create(input as never));
      expect(error, JSON.stringify(input)).toBeInstanceOf(type);
      expect((error as Error).message).toMatch(/^templates\.create\(\): /);
      expect((error as Error).message).toMatch(rule);
      const answer = await api.post('/templates', pascal(input));
      expect(answer.status, JSON.stringify(input)).toBe(422);
      expect(answer.body.ErrorCode).toBe(300);
      const sandboxRule = new RegExp(
        rule.source.replace(/^([a-z])/, (c) => c.toUpperCase()),
        'i',
      );
      expect(answer.body.Message).toMatch(sandboxRule);
    }
    expect((await e2e.server.templates.list()).totalCount).toBe(before);
  });

  it('both take what the rules allow', async () => {
    const layout = await e2e.server.templates.create({
      name: 'Shell',
      alias: 'shell.v2_x-y',
      templateType: 'Layout',
      htmlBody: '<div>{{{ @content }}}</div>',
    });
    expect(layout.templateType).toBe('Layout');
    const standard = await e2e.server.templates.create({
      name: 'Note',
      subject: 'S',
      htmlBody: '',
      textBody: 'x',
      layoutTemplate: 'shell.v2_x-y',
    });
    expect(standard.layoutTemplate).toBe('shell.v2_x-y');
    // An edit is checked for what it changes alone; the rest needs the stored template.
    await expect(e2e.server.templates.edit(standard.templateId, { alias: '9' })).rejects.toThrow(
      "templates.edit(): alias '9' must start with a letter",
    );
    const edit = await rejection(e2e.server.templates.edit(standard.templateId, { subject: '' }));
    expect(edit).toMatchObject({ name: 'ApiError', errorCode: 300 });
    expect((edit as Error).message).toMatch(/Subject is required for a Standard template/);
  });
});
