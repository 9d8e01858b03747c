import { describe, expect, it } from 'vitest';
import {
  hookUrlProblem,
  INBOUND_STATUS_FILTERS,
  inboundRuleMatches,
  inboundStatusOf,
  isDomainName,
  isInboundRule,
  mailDate,
  readMailDate,
} from '../../src/postmark/index.js';

describe('mail dates (an inbound message’s Date)', () => {
  it('reads RFC 5322 dates with a numeric or an obsolete zone, with or without day and seconds', () => {
    const cases: [string, string][] = [
      ['Thu, 5 Apr 2012 16:59:01 +0200', '2012-04-05T14:59:01.000Z'],
      ['5 Apr 2012 16:59 -0430', '2012-04-05T21:29:00.000Z'],
      ['Mon, 01 Jul 2024 09:30:00 EDT', '2024-07-01T13:30:00.000Z'],
      ['Mon, 15 Jan 2024 09:30:00 est', '2024-01-15T14:30:00.000Z'],
      ['Mon, 15 Jan 2024 09:30:00 GMT', '2024-01-15T09:30:00.000Z'],
      ['Mon, 15 Jan 2024 09:30:00 +0000 (UTC)', '2024-01-15T09:30:00.000Z'],
      ['15 Jan 99 09:30:00 +0000', '1999-01-15T09:30:00.000Z'],
      ['15 Jan 24 09:30:00 +0000', '2024-01-15T09:30:00.000Z'],
      // Not RFC 5322, but how Postmark's inbound webhook example writes its Date.
      ['Fri, 1 Aug 2014 16:45:32 -04:00', '2014-08-01T20:45:32.000Z'],
    ];
    for (const [text, iso] of cases)
      expect({ text, iso: readMailDate(text)?.toISOString() }).toEqual({ text, iso });
  });

  it('gives undefined for what is not a date, including days the calendar lacks', () => {
    for (const text of [
      '',
      'yesterday',
      '2024-01-15T09:30:00Z',
      '30 Feb 2024 10:00:00 +0000',
      '5 Foo 2012 10:00:00 +0000',
      '5 Apr 2012 25:00:00 +0000',
      '5 Apr 2012 10:00:00 XYZW',
    ]) {
      expect({ text, read: readMailDate(text) }).toEqual({ text, read: undefined });
    }
  });

  it('writes a date that reads back', () => {
    const instant = Date.UTC(2012, 3, 5, 14, 59, 1);
    expect(mailDate(instant)).toBe('Thu, 05 Apr 2012 14:59:01 +0000');
    expect(readMailDate(mailDate(instant))?.getTime()).toBe(instant);
  });
});

describe('inbound rules', () => {
  it('are an email address or a domain of two or more labels', () => {
    for (const rule of [
      'spammer@example.com',
      'example.com',
      'mail.example.co.uk',
      'bücher.example',
    ])
      expect({ rule, ok: isInboundRule(rule) }).toEqual({ rule, ok: true });
    for (const rule of [
      '',
      'localhost',
      '*.example.com',
      'example..com',
      '-x.example',
      'a@b',
      'a b.example',
    ])
      expect({ rule, ok: isInboundRule(rule) }).toEqual({ rule, ok: false });
    expect(
      isDomainName(`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(71)}`),
    ).toBe(false);
  });

  it('match the From address, or any address at the domain, ignoring case; not subdomains', () => {
    expect(inboundRuleMatches('spammer@example.com', 'Spam <SPAMMER@example.com>')).toBe(true);
    expect(inboundRuleMatches('spammer@example.com', 'other@example.com')).toBe(false);
    expect(inboundRuleMatches('Example.com', 'ada@example.COM')).toBe(true);
    expect(inboundRuleMatches('example.com', 'ada@mail.example.com')).toBe(false);
    expect(inboundRuleMatches('example.com', 'ada@notexample.com')).toBe(false);
  });

  it('statuses: the filter values are the statuses in lower case', () => {
    expect(INBOUND_STATUS_FILTERS).toEqual([
      'processed',
      'blocked',
      'queued',
      'scheduled',
      'failed',
    ]);
    expect(inboundStatusOf('BLOCKED')).toBe('Blocked');
    expect(inboundStatusOf('sent')).toBeUndefined();
  });
});

describe('hook URLs', () => {
  it('are absolute http(s) URLs; the problem never repeats the URL', () => {
    expect(hookUrlProblem('https://example.com/hook')).toBeUndefined();
    expect(hookUrlProblem('http://user:pw@example.com/hook')).toBeUndefined();
    expect(hookUrlProblem('ftp://example.com')).toBe('must be an http: or https: URL (got ftp:)');
    expect(hookUrlProblem('//user:hunter2@example.com')).toBe('is not an absolute URL');
  });
});
