import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import type { MessageData } from '../../src/model/types.js';
import { emailsOf } from '../../src/postmark/address.js';
import { answerFits, submittedAt } from '../../src/send/send-result.js';

// answerFits() reads a one-address To without splitting it as a list; this holds it to the
// plain reading: every address the answer names is one of the message's recipients.
function byTheList(to: string, data: MessageData): boolean {
  if (to.trim() === '') return true;
  const recipients = new Set(
    [...data.to, ...data.cc, ...data.bcc].map((address) => address.email.toLowerCase()),
  );
  return emailsOf(to).every((email) => recipients.has(email));
}

const emails = ['ada@example.com', 'Bob@Example.com', 'carol@example.org', 'x@y.co'];
const email = fc.constantFrom(...emails, ...emails.map((e) => e.toUpperCase()));
const mailbox = fc.oneof(
  email,
  fc
    .tuple(fc.constantFrom('Ada', 'Bob, Jr.', '"Bob, Jr."', ' Carol '), email)
    .map(([name, address]) => `${name} <${address}>`),
  fc.tuple(email, fc.constantFrom(' ', '  ', '\t')).map(([address, space]) => space + address),
);
const named = fc.oneof(
  mailbox,
  fc.array(mailbox, { maxLength: 3 }).map((list) => list.join(', ')),
  fc.constantFrom('', ' ', 'not an address', '<>', 'a <b', '"', ','),
);

describe('answerFits', () => {
  it('agrees with reading the answer as an address list, for any To', () => {
    fc.assert(
      fc.property(
        named,
        fc.array(fc.constantFrom(...emails), { minLength: 1, maxLength: 2 }),
        fc.array(fc.constantFrom(...emails), { maxLength: 2 }),
        (to, recipients, cc) => {
          let message = Message.to(recipients);
          if (cc.length > 0) message = message.cc(cc);
          expect(answerFits({ ErrorCode: 0, To: to }, message.data)).toBe(
            byTheList(to, message.data),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('submittedAt', () => {
  it('reads each answer’s own date, and falls back to the arrival time', () => {
    const arrived = new Date('2024-05-05T00:00:00Z');
    const a = submittedAt({ ErrorCode: 0, SubmittedAt: '2024-01-01T00:00:00Z' }, arrived);
    const b = submittedAt({ ErrorCode: 0, SubmittedAt: '2024-01-01T00:00:00Z' }, arrived);
    const c = submittedAt({ ErrorCode: 0, SubmittedAt: '2024-01-02T00:00:00Z' }, arrived);
    expect([a.toISOString(), c.toISOString()]).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
    ]);
    expect(b).not.toBe(a); // a Date of its own for each result
    expect(submittedAt({ ErrorCode: 0, SubmittedAt: 'soon' }, arrived)).toEqual(arrived);
    expect(submittedAt({ ErrorCode: 0 }, arrived)).toEqual(arrived);
  });
});
