import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import { EMPTY_DATA } from '../../src/model/data.js';
import { mergeDefaults } from '../../src/model/merge.js';
import type { Header, MessageData } from '../../src/model/types.js';
import { FIELD_LIST } from '../../src/postmark/fields.js';
import { build, step } from '../helpers/arbitrary-messages.js';

const defaults = Message.from('app@example.com')
  .bcc('audit@example.com')
  .replyTo('help@example.com')
  .tag('app')
  .stream('outbound')
  .header('X-App', 'shop')
  .header('X-Env', 'prod')
  .metadata({ app: 'shop', env: 'prod' })
  .attach({ name: 'logo.png', content: new Uint8Array([1]), contentId: 'cid:logo' })
  .text('default body');

describe('withDefaults()', () => {
  it('fills what the message leaves out', () => {
    const merged = Message.to('ada@example.com').subject('Hi').withDefaults(defaults);
    expect(merged.toJSON()).toMatchObject({
      From: 'app@example.com',
      To: 'ada@example.com',
      Bcc: 'audit@example.com',
      ReplyTo: 'help@example.com',
      Tag: 'app',
      MessageStream: 'outbound',
      TextBody: 'default body',
    });
  });

  it('lets the message win field by field, header by name and metadata by key', () => {
    const own = Message.from('me@example.com')
      .to('ada@example.com')
      .bcc('other@example.com')
      .tag('mine')
      .html('<p>mine</p>')
      .header('x-env', 'test')
      .metadata({ env: 'test', user: '1' })
      .attach({ name: 'a.txt', content: 'x' });
    const json = own.withDefaults(defaults).toJSON();
    expect(json.From).toBe('me@example.com');
    expect(json.Bcc).toBe('other@example.com'); // lists replace, never concatenate
    expect(json.Tag).toBe('mine');
    expect(json.HtmlBody).toBe('<p>mine</p>');
    expect(json.TextBody).toBeUndefined(); // content comes whole from the message
    expect(json.Headers).toEqual([
      { Name: 'X-App', Value: 'shop' },
      { Name: 'x-env', Value: 'test' },
    ]);
    expect(json.Metadata).toEqual({ app: 'shop', env: 'test', user: '1' });
    expect(json.Attachments?.map((a) => a.Name)).toEqual(['logo.png', 'a.txt']);
  });

  it('gives a templated message neither the default body nor the default subject', () => {
    const merged = Message.to('ada@example.com')
      .template('welcome')
      .withDefaults(defaults.subject('Default'));
    expect(merged.validate()).toEqual({ ok: true });
    expect(merged.toJSON().TextBody).toBeUndefined();
    expect(merged.toJSON().Subject).toBeUndefined();
  });

  it('leaves both inputs unchanged and returns the message itself without defaults', () => {
    const own = Message.to('ada@example.com');
    const before = [JSON.stringify(own), JSON.stringify(defaults)];
    own.withDefaults(defaults);
    expect([JSON.stringify(own), JSON.stringify(defaults)]).toEqual(before);
    expect(own.withDefaults(undefined)).toBe(own);
  });
});

// mergeDefaults() is written out field by field for speed; this holds it to the field
// table's merge rules, applied the slow way, one row at a time (the way it was written before).
function byTheTable(message: MessageData, defaults: MessageData): MessageData {
  const templated = (message.text ?? message.html ?? message.template) !== undefined;
  const content = templated ? message : defaults;
  const merged: Record<string, unknown> = {};
  for (const { data: field, merge: rule } of FIELD_LIST) {
    const own = message[field] as unknown;
    const fallback = defaults[field] as unknown;
    const list = (value: unknown) => value as readonly unknown[];
    switch (rule) {
      case 'own':
        merged[field] = own ?? fallback;
        break;
      case 'list':
        merged[field] = list(own).length > 0 ? own : fallback;
        break;
      case 'content':
        merged[field] = content[field];
        break;
      case 'subject':
        merged[field] = content.template ? own : (own ?? fallback);
        break;
      case 'byKey':
        merged[field] = { ...(fallback as object), ...(own as object) };
        break;
      case 'byName': {
        const mine = own as readonly Header[];
        const kept = (fallback as readonly Header[]).filter(
          (d) => !mine.some((h) => h.name.toLowerCase() === d.name.toLowerCase()),
        );
        merged[field] = [...kept, ...mine];
        break;
      }
      case 'append':
        merged[field] = [...list(fallback), ...list(own)];
        break;
    }
  }
  return merged as unknown as MessageData;
}

function frozenThroughout(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return true;
  return Object.isFrozen(value) && Object.values(value).every(frozenThroughout);
}

describe('mergeDefaults()', () => {
  it('follows the field table for any message over any defaults, frozen, in the one shape', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), fc.array(step, { maxLength: 12 }), (a, b) => {
        const message = build(a).data;
        const defaults = build(b).data;
        const merged = mergeDefaults(message, defaults);
        expect(merged).toEqual(byTheTable(message, defaults));
        expect(Object.keys(merged)).toEqual(Object.keys(EMPTY_DATA));
        expect(frozenThroughout(merged)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('shares what the defaults give by reference', () => {
    const own = Message.to('ada@example.com').subject('Hi').withDefaults(defaults).data;
    expect(own.from).toBe(defaults.data.from);
    expect(own.text).toBe(defaults.data.text);
    expect(own.attachments).toBe(defaults.data.attachments);
    expect(own.headers).toBe(defaults.data.headers);
  });
});
