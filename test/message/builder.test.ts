import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import { validationError } from './helpers.js';

const base = Message.from('Team <team@example.com>')
  .to('ada@example.com')
  .subject('Hi')
  .text('Hello');

// Every method with arguments that succeed, so each can be checked for immutability.
const calls: [string, (m: Message) => Message][] = [
  ['from', (m) => m.from('other@example.com')],
  ['to', (m) => m.to('bob@example.com')],
  ['cc', (m) => m.cc('cc@example.com')],
  ['bcc', (m) => m.bcc('audit@example.com')],
  ['replyTo', (m) => m.replyTo('help@example.com')],
  ['setRecipients', (m) => m.setRecipients('to', 'new@example.com')],
  ['withoutRecipient', (m) => m.withoutRecipient('ada@example.com')],
  ['subject', (m) => m.subject('Other')],
  ['text', (m) => m.text('Other')],
  ['html', (m) => m.html('<p>Other</p>')],
  ['tag', (m) => m.tag('welcome')],
  ['metadata', (m) => m.metadata({ userId: '42' })],
  ['metadata(key)', (m) => m.metadata('plan', 'pro')],
  ['header', (m) => m.header('X-Campaign', 'spring')],
  ['attach', (m) => m.attach({ name: 'a.txt', content: 'x' })],
  ['attachFile', (m) => m.attachFile(new URL('../fixtures/notes.txt', import.meta.url).pathname)],
  ['withoutAttachments', (m) => m.withoutAttachments()],
  ['trackOpens', (m) => m.trackOpens(true)],
  ['trackLinks', (m) => m.trackLinks('HtmlOnly')],
  ['stream', (m) => m.stream('broadcast')],
  ['template', (m) => m.template('welcome', { name: 'Ada' })],
  ['inlineCss', (m) => m.template(7).inlineCss(false)],
];

describe('immutability', () => {
  it.each(calls)(
    '%s returns a new frozen message and leaves the receiver unchanged',
    (_name, call) => {
      const before = JSON.stringify(base.toJSON());
      const next = call(base);
      expect(next).not.toBe(base);
      expect(JSON.stringify(base.toJSON())).toBe(before);
      expect(Object.isFrozen(next)).toBe(true);
      expect(Object.isFrozen(next.data)).toBe(true);
      for (const list of [
        next.data.to,
        next.data.cc,
        next.data.bcc,
        next.data.replyTo,
        next.data.headers,
        next.data.attachments,
      ]) {
        expect(Object.isFrozen(list)).toBe(true);
      }
      expect(Object.isFrozen(next.data.metadata)).toBe(true);
    },
  );

  it('cannot be changed through its data', () => {
    const m = base.metadata({ a: '1' }).template('t', { deep: { list: [1] } });
    expect(() => (m.data.to as unknown[]).push({ email: 'x@y.z' })).toThrow(TypeError);
    expect(() => {
      (m.data.metadata as Record<string, string>).a = '2';
    }).toThrow(TypeError);
    const deep = m.data.template?.model.deep as { list: number[] } | undefined;
    expect(deep?.list).toEqual([1]);
    expect(() => deep?.list.push(2)).toThrow(TypeError);
  });

  it('leaves the caller’s template model untouched and unfrozen', () => {
    const model = { user: { name: 'Ada' } };
    const m = Message.to('a@example.com').template('welcome', model);
    model.user.name = 'Changed';
    expect(Object.isFrozen(model)).toBe(false);
    expect(m.data.template?.model).toEqual({ user: { name: 'Ada' } });
  });

  it('shares attachment bytes instead of copying them', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const buffer = new ArrayBuffer(4);
    const m = Message.to('a@example.com')
      .attach({ name: 'a.dat', content: bytes })
      .attach({ name: 'b.dat', content: buffer });
    expect(m.data.attachments[0]?.content).toBe(bytes);
    expect(m.data.attachments[1]?.content.buffer).toBe(buffer);
  });
});

describe('recipients and headers', () => {
  it('keep the order they were added in; to/cc/bcc/replyTo add', () => {
    const m = Message.to('a@example.com')
      .to('b@example.com', ['c@example.com', 'd@example.com'])
      .cc('e@example.com')
      .cc('f@example.com');
    expect(m.data.to.map((a) => a.email)).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
      'd@example.com',
    ]);
    expect(m.toJSON().Cc).toBe('e@example.com, f@example.com');
  });

  it('can be replaced, emptied and removed', () => {
    const m = Message.to('a@example.com', 'b@example.com').cc('B@example.com');
    expect(m.setRecipients('to', 'z@example.com').data.to).toEqual([{ email: 'z@example.com' }]);
    expect(m.setRecipients('cc').data.cc).toEqual([]);
    const without = m.withoutRecipient('b@example.com');
    expect(without.data.to).toEqual([{ email: 'a@example.com' }]);
    expect(without.data.cc).toEqual([]);
  });

  it('set a header by name ignoring case, and remove it with null', () => {
    const m = base
      .header('X-Campaign', 'spring')
      .header('x-campaign', 'summer')
      .header('X-Other', '1');
    expect(m.toJSON().Headers).toEqual([
      { Name: 'x-campaign', Value: 'summer' },
      { Name: 'X-Other', Value: '1' },
    ]);
    expect(m.header('X-CAMPAIGN', null).toJSON().Headers).toEqual([
      { Name: 'X-Other', Value: '1' },
    ]);
  });

  it('metadata: an object replaces, a key sets, null removes', () => {
    const m = base.metadata({ a: '1', b: '2' }).metadata('c', '3').metadata('a', null);
    expect(m.data.metadata).toEqual({ b: '2', c: '3' });
    expect(m.metadata({ z: '9' }).data.metadata).toEqual({ z: '9' });
  });
});

describe('rules checked at the call', () => {
  const many = (n: number, prefix = 'r') =>
    Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`);

  it('leaves every rule that reads a limit to validate(): recipients, file types, tag length', () => {
    // Built without a word (test/message/limits.test.ts checks what validate() then says).
    const crowded = Message.to(many(51));
    expect(crowded.data.to).toHaveLength(51);
    expect(base.attach({ name: 'virus.EXE', content: 'x' }).data.attachments).toHaveLength(1);
    expect(base.tag('t'.repeat(1001)).data.tag).toHaveLength(1001);
  });

  it.each([
    ['', 'an attachment needs a file name'],
    ['   ', 'an attachment needs a file name'],
    ['nul\u0000.pdf', 'NUL'],
    ['line\r\n.pdf', 'line break'],
    ['a.exe::$DATA', 'data stream'],
    ['A.Exe:stream', 'data stream'],
    ['a.exe:Zone.Identifier', 'data stream'],
    ['a.exe\t', 'a tab'],
    ['a\tb.pdf', 'a tab'],
    ['x\u0085.pdf', 'U+0085'],
    ['reports/', 'not a folder'],
  ])('refuses the attachment name %j at the call', (name, reason) => {
    const error = validationError(() => base.attach({ name, content: 'x' }));
    expect(error.issues[0]?.code).toBe('attachment.name');
    expect(error.message).toContain(reason);
  });

  it.each([
    ['X-Bad\r\nBcc', 'v', 'header.name'],
    ['X Space', 'v', 'header.name'],
    ['X:Colon', 'v', 'header.name'],
    ['', 'v', 'header.name'],
    ['X-Ok', 'line\r\nBcc: evil@example.com', 'header.crlf'],
    ['X-Ok', 'line\nbreak', 'header.crlf'],
    ['X-Ok', 'nul\u0000', 'header.crlf'],
    [42, 'v', 'header.name'],
    ['X-Ok', 42, 'header.value'],
  ])('refuses header %j: %j', (name, value, code) => {
    expect(
      validationError(() => base.header(name as string, value as string)).issues[0]?.code,
    ).toBe(code);
  });

  it.each([
    ['subject', (m: Message, v: string) => m.subject(v)],
    ['tag', (m: Message, v: string) => m.tag(v)],
    ['stream', (m: Message, v: string) => m.stream(v)],
  ] as const)(
    'refuses CR, LF, NUL and other controls in the %s, which becomes a header',
    (field, set) => {
      for (const bad of ['a\r\nBcc: x@example.com', 'a\nb', 'nul\u0000', 'esc\u001b']) {
        expect(validationError(() => set(base, bad)).issues[0]?.code).toBe(`${field}.control`);
      }
      expect(set(base, 'tab\tis fine').data[field]).toBe('tab\tis fine');
    },
  );

  it('refuses an unknown TrackLinks value', () => {
    expect(validationError(() => base.trackLinks('Always' as never)).issues[0]?.code).toBe(
      'trackLinks.invalid',
    );
  });

  it('refuses a template that is neither a positive integer nor an alias', () => {
    for (const bad of [0, -1, 1.5, '', '  ', 2 ** 60, 2 ** 31, 'a\nb']) {
      expect(validationError(() => base.template(bad)).issues[0]?.code).toBe('template.id');
    }
    expect(validationError(() => base.template('t', { fn: () => 1 })).issues[0]?.code).toBe(
      'template.model',
    );
    expect(validationError(() => base.inlineCss()).issues[0]?.code).toBe('template.missing');
  });

  it('refuses values of the wrong type from untyped callers', () => {
    expect(validationError(() => base.subject(42 as never)).issues[0]?.path).toBe('subject');
    expect(validationError(() => base.metadata({ n: 1 as never })).issues[0]?.path).toBe(
      'metadata.n',
    );
    expect(
      validationError(() => base.attach({ name: 'a.txt', content: 42 as never })).issues[0]?.code,
    ).toBe('attachment.content');
  });
});

describe('templates', () => {
  it('a number is a TemplateId, a string a TemplateAlias', () => {
    const byId = Message.from('app@example.com')
      .to('a@example.com')
      .template(1234, { name: 'Ada' });
    expect(byId.kind).toBe('template');
    expect(byId.toJSON()).toEqual({
      From: 'app@example.com',
      To: 'a@example.com',
      TemplateId: 1234,
      TemplateModel: { name: 'Ada' },
    });
    const byAlias = byId.template('welcome', {}, { inlineCss: false });
    expect(byAlias.toJSON()).toEqual({
      From: 'app@example.com',
      To: 'a@example.com',
      TemplateAlias: 'welcome',
      TemplateModel: {},
      InlineCss: false,
    });
    expect(base.kind).toBe('email');
  });
});
