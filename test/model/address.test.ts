import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import { parseAddress } from '../../src/model/address.js';
import {
  formatMailbox as formatAddress,
  readMailbox,
  splitAddressList,
} from '../../src/postmark/address.js';
import { validationError } from '../message/helpers.js';

describe('addresses', () => {
  it('accepts a bare address, a named one and an object', () => {
    expect(parseAddress('ada@example.com', 'to[0]')).toEqual({ email: 'ada@example.com' });
    expect(parseAddress('Ada Lovelace <ada@example.com>', 'to[0]')).toEqual({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
    });
    expect(parseAddress({ email: 'bob@example.com', name: 'Bob' }, 'to[0]')).toEqual({
      email: 'bob@example.com',
      name: 'Bob',
    });
    expect(parseAddress('"Bob, Jr." <bob@example.com>', 'to[0]')).toEqual({
      email: 'bob@example.com',
      name: 'Bob, Jr.',
    });
  });

  it.each([
    'ada',
    'ada@',
    '@example.com',
    'ada@example',
    'ada example@example.com',
    'a@b.c, d@e.f',
    'Ada <ada@example.com',
    'ada@exa mple.com',
    // Valid RFC 5322, but not taken: Postmark does not say it accepts them.
    '"john doe"@example.com',
    'ada@[127.0.0.1]',
    'a..b@example.com',
    '.ada@example.com',
    'ada.@example.com',
    'ada@example.com.',
    'ada@-example.com',
    'ada@exa\u0000mple.com',
  ])('rejects %j at the call, naming the field', (bad) => {
    const error = validationError(() => Message.to('ok@example.com', bad));
    expect(error.issues[0]).toMatchObject({ path: 'to[1]', code: 'address.invalid' });
  });

  it.each(['Evil\r\nBcc: x@y.z', 'nul\u0000', 'bell\u0007'])(
    'rejects a display name with control characters (%j)',
    (name) => {
      const error = validationError(() => Message.from({ email: 'a@example.com', name }));
      expect(error.issues[0]).toMatchObject({ path: 'from', code: 'address.name' });
      expect(validationError(() => Message.from(`"${name}" <a@example.com>`)).issues[0]?.code).toBe(
        'address.name',
      );
    },
  );

  it('never takes a second address for a display name', () => {
    const error = validationError(() =>
      Message.to('Evil <attacker@evil.test> <victim@example.com>'),
    );
    expect(error.issues[0]).toMatchObject({ path: 'to[0]', code: 'address.name' });
    // Quoted, the same characters are a name.
    expect(parseAddress('"Evil <x>" <victim@example.com>', 'to')).toEqual({
      email: 'victim@example.com',
      name: 'Evil <x>',
    });
  });

  it('reads only own properties of an address object, and checks their types', () => {
    const inherited = Object.create({ email: 'attacker@evil.test' });
    expect(validationError(() => Message.to(inherited)).issues[0]?.code).toBe('address.type');
    expect(
      validationError(() => Message.to({ email: 'a@example.com', name: 42 as never })).issues[0]
        ?.code,
    ).toBe('address.name');
  });

  it('on the wire, punctuation in a display name must be quoted, as Postmark asks', () => {
    expect(readMailbox('Bob: <bob@example.com>', 'input')).toMatchObject({ ok: true });
    expect(readMailbox('Bob: <bob@example.com>', 'wire')).toMatchObject({
      ok: false,
      code: 'address.name',
    });
    expect(readMailbox('"Bob:" <bob@example.com>', 'wire')).toMatchObject({ ok: true });
    expect(readMailbox('Ada L. <ada@example.com>', 'wire')).toMatchObject({ ok: true });
    expect(() => Message.fromJSON({ From: 'Bob; <b@example.com>' })).toThrow(/must be quoted/);
  });

  it('quotes names whose punctuation demands it and escapes quotes', () => {
    expect(formatAddress({ email: 'bob@example.com', name: 'Bob, Jr.' })).toBe(
      '"Bob, Jr." <bob@example.com>',
    );
    expect(formatAddress({ email: 'q@example.com', name: 'Say "hi"' })).toBe(
      '"Say \\"hi\\"" <q@example.com>',
    );
    expect(formatAddress({ email: 'z@example.com', name: 'Zoë Ångström' })).toBe(
      'Zoë Ångström <z@example.com>',
    );
    expect(formatAddress({ email: 'z@example.com' })).toBe('z@example.com');
  });

  it('splits Postmark lists without breaking quoted names, and round-trips', () => {
    const names = ['Bob, Jr.', 'Say "hi", then <go>', 'Zoë', 'back\\slash'];
    const list = names
      .map((name, i) => formatAddress({ email: `u${i}@example.com`, name }))
      .join(', ');
    const parsed = splitAddressList(list).map((part, i) => parseAddress(part, `to[${i}]`));
    expect(parsed.map((a) => a.name)).toEqual(names);
  });

  it('allows a 64-character local part and refuses 65, and 254 characters in all', () => {
    expect(parseAddress(`${'a'.repeat(64)}@example.com`, 'to[0]').email).toHaveLength(76);
    expect(validationError(() => Message.to(`${'a'.repeat(65)}@example.com`)).issues[0]?.code).toBe(
      'address.invalid',
    );
    const of = (length: number) =>
      `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(length - 187)}.com`;
    expect(of(254)).toHaveLength(254);
    expect(parseAddress(of(254), 'to[0]').email).toBe(of(254));
    expect(validationError(() => Message.to(of(255))).issues[0]?.code).toBe('address.invalid');
  });

  it('accepts internationalised addresses', () => {
    expect(parseAddress('用户@例子.广告', 'to[0]').email).toBe('用户@例子.广告');
  });
});

describe('parseAddress of `Name <email>` text', () => {
  // What the text form means, written as the regular expression it is specified by: the
  // address is between the last `<` and a final `>` with neither in between; an unquoted
  // name may not hold `<`, `>` or `"`, and a quoted one no unescaped `"`.
  function byPattern(text: string): { email: string; name?: string } | string {
    const trimmed = text.trim();
    const angled = /^(.*)<([^<>]*)>$/s.exec(trimmed);
    const email = angled ? (angled[2] ?? '').trim() : trimmed;
    const rawName = angled ? (angled[1] ?? '').trim() : undefined;
    const quoted =
      rawName !== undefined &&
      rawName.length >= 2 &&
      rawName.startsWith('"') &&
      rawName.endsWith('"');
    if (quoted && /(^|[^\\])(\\\\)*"/.test(rawName.slice(1, -1))) return 'a broken quote';
    if (!quoted && rawName && /[<>"]/.test(rawName)) return 'a name with <, > or "';
    const name = quoted ? rawName.slice(1, -1).replace(/\\(.)/g, '$1') : rawName;
    try {
      return parseAddress(name ? `"${name.replace(/[\\"]/g, '\\$&')}" <${email}>` : email, 'to');
    } catch (error) {
      return (error as Error).message;
    }
  }

  const outcome = (text: string) => {
    try {
      return parseAddress(text, 'to');
    } catch (error) {
      return (error as Error).message;
    }
  };
  // Which problem, not its words: both sides must refuse the same texts for the same reason.
  const kind = (result: unknown) =>
    typeof result !== 'string'
      ? result
      : /not a valid email/.test(result)
        ? 'address'
        : /control/.test(result)
          ? 'control'
          : 'name';
  const byPatternKind = (text: string) => {
    const result = byPattern(text);
    return typeof result === 'string' && !/valid email|control/.test(result)
      ? 'name'
      : kind(result);
  };

  it('property: splits name and address exactly as the pattern does', () => {
    const piece = fc.constantFrom('<', '>', '"', '\\', ' ', ',', 'a', 'b@example.com', 'x.y', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(kind(outcome(text))).toEqual(byPatternKind(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: formats a name exactly as the RFC 5322 specials pattern says, and parses back', () => {
    // The specification formatAddress() follows, as the regular expression it replaced.
    const byPattern = (name: string) =>
      /[()<>[\]:;@\\,."]|^\s|\s$/.test(name) ? `"${name.replace(/[\\"]/g, '\\$&')}"` : name;
    const name = fc.string({
      unit: fc.constantFrom(...'()<>[]:;@\\,."ab \t\u00a0\u2003\u3000é'),
      minLength: 1,
      maxLength: 10,
    });
    fc.assert(
      fc.property(name, (text) => {
        const address = { email: 'ada@example.com', name: text };
        const formatted = formatAddress(address);
        expect(formatted).toBe(`${byPattern(text)} <ada@example.com>`);
        if (text.trim() !== '' && !/[\r\n]/.test(text))
          expect(parseAddress(formatted, 'to')).toEqual({ ...address, name: text.trim() });
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the edge cases', () => {
    expect(outcome('a <b> <ada@example.com>')).toMatch(/quote it/);
    expect(outcome('"a <b>" <ada@example.com>')).toEqual({
      email: 'ada@example.com',
      name: 'a <b>',
    });
    expect(outcome('<ada@example.com>')).toEqual({ email: 'ada@example.com' });
    expect(outcome('Ada <ada@example.com> ')).toEqual({ email: 'ada@example.com', name: 'Ada' });
    expect(outcome('Ada <ada@example.com>>')).toMatch(/is not a valid email address/);
    expect(outcome('Ada ada@example.com>')).toMatch(/is not a valid email address/);
  });
});
