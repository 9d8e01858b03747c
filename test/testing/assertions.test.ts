import { describe, expect, it } from 'vitest';
import { Message, Sender } from '../../src/index.js';
import { assertNothingSent, assertSent, recordingTransport } from '../../src/testing/index.js';
import { TOKEN, templated } from '../helpers/fixtures.js';

describe('assertions', () => {
  it('assertSent finds a matching message and returns it', async () => {
    const transport = recordingTransport();
    const mailer = new Sender({ serverToken: TOKEN, transport });
    await mailer.send(
      Message.from('Team <Team@example.com>')
        .to({ email: 'bob@example.com', name: 'Bob, Jr.' })
        .cc('Ada@Example.com')
        .subject('Hi')
        .text('x')
        .tag('t')
        .stream('broadcast'),
    );
    await mailer.send(templated('c@example.com', 'welcome'));
    expect(
      assertSent(transport, {
        to: 'ada@example.com',
        subject: 'Hi',
        from: 'team@example.com',
        tag: 't',
        stream: 'broadcast',
      }).Subject,
    ).toBe('Hi');
    expect(assertSent(transport, { to: 'bob@example.com' }).To).toBe(
      '"Bob, Jr." <bob@example.com>',
    );
    assertSent(transport, { template: 'welcome', to: 'c@example.com', stream: 'outbound' });
    expect(() => assertSent(transport, { to: 'nobody@example.com' })).toThrow(
      /these were sent:\n {2}to "Bob, Jr."/,
    );
    expect(() => assertSent(transport, { subject: 'Hi', tag: 'other' })).toThrow(
      /expected a message matching/,
    );
    expect(() => assertNothingSent(transport)).toThrow(/but 2 were/);
  });

  it('assertNothingSent passes when nothing went out', () => {
    const transport = recordingTransport();
    assertNothingSent(transport);
    expect(() => assertSent(transport, { to: 'a@example.com' })).toThrow(/none was sent/);
  });
});
