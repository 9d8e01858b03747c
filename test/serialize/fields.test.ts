import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import { dataFromInit } from '../../src/model/init.js';
import { FIELD_LIST, jsonNamesFor, TEMPLATE_ID_JSON } from '../../src/postmark/fields.js';
import { encodedSize, encodedSizeAtMost } from '../../src/serialize/size.js';

// The field table is the one list of a message's fields. The serializer and the size bound
// are written out for speed; these tests hold them to the table.
const every = Message.create({
  from: 'Team <team@example.com>',
  to: ['ada@example.com', 'bob@example.com'],
  cc: 'cc@example.com',
  bcc: 'bcc@example.com',
  replyTo: 'help@example.com',
  subject: 'Hi',
  text: 'Hello',
  html: '<p>Hello</p>',
  tag: 'welcome',
  metadata: { userId: '42' },
  headers: { 'X-Campaign': 'spring' },
  attachments: [{ name: 'a.txt', content: 'x', contentId: 'cid:a' }],
  trackOpens: true,
  trackLinks: 'HtmlOnly',
  stream: 'outbound',
});
const templated = Message.create({
  from: 'a@example.com',
  to: 'b@example.com',
  template: 'welcome',
  templateModel: { name: 'Ada' },
  inlineCss: false,
});

describe('the field table', () => {
  it('names every field toJSON() writes, in the order it writes them', () => {
    const plainNames = FIELD_LIST.filter((f) => f.endpoints !== 'template').map((f) => f.json);
    expect(Object.keys(every.toJSON())).toEqual(plainNames);
    const templateNames = FIELD_LIST.filter((f) => f.endpoints !== 'email')
      .map((f) => f.json)
      .filter((name) => Object.hasOwn(templated.toJSON(), name));
    expect(Object.keys(templated.toJSON())).toEqual(templateNames);
    expect(Object.keys(templated.template(7, {}).toJSON())).toContain(TEMPLATE_ID_JSON);
  });

  it('is what Message.create() takes, and what fromJSON() reads back', () => {
    expect(dataFromInit({ nope: 1 }).issues[0]?.code).toBe('message.unknownField');
    // Postmark's names and near misses point at the field meant.
    const meant = (init: object) => dataFromInit(init).issues[0]?.message;
    expect(meant({ htmlBody: '<p>' })).toBe(
      '"htmlBody" is not a message field (did you mean "html"?)',
    );
    expect(meant({ TextBody: 'x' })).toBe(
      '"TextBody" is not a message field (did you mean "text"?)',
    );
    expect(meant({ messageStream: 'x' })).toContain('(did you mean "stream"?)');
    expect(meant({ templateId: 1 })).toContain('(did you mean "template"?)');
    expect(meant({ subjekt: 'x' })).toContain('(did you mean "subject"?)');
    expect(meant({ nope: 1 })).toBe('"nope" is not a message field');
    for (const field of FIELD_LIST)
      expect(dataFromInit({ [field.name]: undefined }).issues).toEqual([]);
    expect(Message.fromJSON(every.toJSON())).toEqual(every);
    expect(Message.fromJSON(templated.toJSON())).toEqual(templated);
  });

  it('says which fields each endpoint reads', () => {
    expect(jsonNamesFor('email').has('TextBody')).toBe(true);
    expect(jsonNamesFor('email').has('TemplateAlias')).toBe(false);
    expect(jsonNamesFor('template').has(TEMPLATE_ID_JSON)).toBe(true);
    expect(jsonNamesFor('template').has('Subject')).toBe(false);
  });

  it('gives a size bound that covers a message setting every field', () => {
    expect(encodedSizeAtMost(every.data)).toBeGreaterThanOrEqual(encodedSize(every.data));
  });
});
