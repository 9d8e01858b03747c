import { describe, expect, it } from 'vitest';
import { markTopLevelPure } from '../../scripts/pure-top-level.js';

const PURE = '/* @__PURE__ */ ';

describe('markTopLevelPure (the build step behind a bundle that drops what it does not use)', () => {
  it('marks every call and new of a top-level initializer, nested ones too', () => {
    const source = [
      "export const A = Object.freeze({ b: make('x'), c: new Set([1]) });",
      'const B = reading<T>(schema, (raw) => convert(raw));',
    ].join('\n');
    expect(markTopLevelPure('a.ts', source)).toBe(
      [
        `export const A = ${PURE}Object.freeze({ b: ${PURE}make('x'), c: ${PURE}new Set([1]) });`,
        `const B = ${PURE}reading<T>(schema, (raw) => convert(raw));`,
      ].join('\n'),
    );
  });

  it('leaves alone what runs later or is not a declaration', () => {
    const source = [
      'export function f() { return g(); }',
      'const h = () => g();',
      'class K { x = g(); m() { return g(); } }',
      'register();',
      'let n = 1;',
    ].join('\n');
    expect(markTopLevelPure('a.ts', source)).toBe(source);
  });
});
