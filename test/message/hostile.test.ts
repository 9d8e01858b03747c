// Input as an attacker or a careless caller would give it: every value is type- and
// JSON-checked at the call, with a MessageValidationError naming the field; nothing changes
// meaning on the way to JSON, and nothing that is built fails to serialize.
import { describe, expect, it } from 'vitest';
import { Message, type MessageInput } from '../../src/index.js';
import { recordingSender } from '../helpers/fixtures.js';
import { validationError } from './helpers.js';

const base = Message.from('app@example.com').to('ada@example.com');
const code = (run: () => unknown) => validationError(run).issues[0]?.code;

describe('crashes become typed errors, at the call', () => {
  it('names a value of the wrong type instead of throwing a TypeError', () => {
    expect(code(() => base.from({ email: 'a@example.com', name: 7 as never }))).toBe(
      'address.name',
    );
    expect(code(() => base.header(Symbol('x') as never, 'v'))).toBe('header.name');
    expect(code(() => base.attach({ name: 'a.txt', content: 'x', contentType: 42 as never }))).toBe(
      'attachment.contentType',
    );
    expect(code(() => base.attach({ name: 'a.txt', content: 'x', contentId: 10n as never }))).toBe(
      'attachment.contentId',
    );
    expect(code(() => base.attach({ name: 9 as never, content: 'x' }))).toBe('attachment.name');
    expect(code(() => base.subject(undefined as never))).toBe('subject.type');
  });

  it('refuses a template model JSON cannot carry as it is, naming the path', () => {
    const cyclic: Record<string, unknown> = { name: 'Ada' };
    cyclic.self = cyclic;
    const cases: [unknown, RegExp][] = [
      [{ total: 10n }, /templateModel\.total: .*BigInt/],
      [cyclic, /templateModel\.self: .*cycle/],
      [{ items: [{ when: new Date(0) }] }, /templateModel\.items\[0\]\.when: a Date/],
      [{ seen: new Map() }, /a Map is not plain data/],
      [{ pattern: /x/ }, /a RegExp/],
      [{ n: Number.NaN }, /NaN has no JSON form/],
      [{ f: () => 1 }, /a function has no JSON form/],
      [{ list: [1, undefined] }, /list\[1\]: undefined would be sent as null/],
    ];
    for (const [model, message] of cases) {
      const error = validationError(() => base.template('welcome', model as never));
      expect(error.issues[0]?.code).toBe('template.model');
      expect(error.message).toMatch(message);
    }
    // undefined properties mean what a missing value means to a template: left out.
    expect(base.template('w', { a: 1, b: undefined }).toJSON().TemplateModel).toEqual({ a: 1 });
  });

  it('fails a bad entry of a batch instead of rejecting the whole batch', async () => {
    const { mailer, transport } = recordingSender();
    const good = base.template('welcome', { name: 'Ada' });
    const bad: MessageInput = {
      from: 'app@example.com',
      to: 'bob@example.com',
      template: 'welcome',
      templateModel: { total: 10n as never },
    };
    const batch = await mailer.sendBatchWithTemplates([good, bad, good]);
    expect(batch.sent.map((s) => s.index)).toEqual([0, 2]);
    expect(batch.failed[0]).toMatchObject({
      index: 1,
      error: { issues: [{ code: 'template.model' }] },
    });
    expect(transport.messages).toHaveLength(2);
  });
});

describe('no silent change of meaning', () => {
  it('refuses what JSON would turn into something else', () => {
    expect(code(() => base.metadata(['a'] as never))).toBe('metadata.type');
    expect(code(() => base.metadata(new Map() as never))).toBe('metadata.type');
    expect(code(() => base.metadata(JSON.parse('{"__proto__":"x"}')))).toBe('metadata.reservedKey');
    expect(code(() => base.template(2 ** 60))).toBe('template.id');
    expect(code(() => base.template(Number.MAX_SAFE_INTEGER + 2))).toBe('template.id');
  });

  it('keeps a model key named __proto__ as data, never as a prototype', () => {
    const model = JSON.parse('{"__proto__":{"polluted":true},"name":"Ada"}');
    const json = base.template('w', model).toJSON();
    expect(JSON.stringify(json.TemplateModel)).toBe('{"__proto__":{"polluted":true},"name":"Ada"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('no header injection', () => {
  const breaks = ['a\r\nBcc: attacker@evil.test', 'a\nb', 'a\rb', 'nul\u0000'];

  it.each([
    ['subject', (v: string) => base.subject(v)],
    ['tag', (v: string) => base.tag(v)],
    ['stream', (v: string) => base.stream(v)],
    ['metadata value', (v: string) => base.metadata({ key: v })],
    ['metadata key', (v: string) => base.metadata({ [v]: 'x' })],
    ['template alias', (v: string) => base.template(v)],
    ['header value', (v: string) => base.header('X-Id', v)],
    ['display name', (v: string) => base.cc({ email: 'c@example.com', name: v })],
    ['file name', (v: string) => base.attach({ name: `${v}.txt`, content: 'x' })],
  ] as const)('refuses CR, LF and NUL in the %s', (_field, set) => {
    for (const value of breaks) validationError(() => set(value));
  });

  it('refuses a content type that would end its header', () => {
    for (const contentType of [
      'text/plain\r\n\r\n;x',
      'text/plain; charset="a\r\nb"',
      'text/plain;',
    ]) {
      expect(code(() => base.attach({ name: 'a.txt', content: 'x', contentType }))).toBe(
        'attachment.contentType',
      );
    }
  });

  it('never reads a second address as a display name', () => {
    expect(code(() => base.to('Evil <attacker@evil.test> <victim@example.com>'))).toBe(
      'address.name',
    );
  });
});
