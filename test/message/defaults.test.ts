import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';

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
