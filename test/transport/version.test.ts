import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/index.js';
import { USER_AGENT } from '../../src/transport/version.js';

describe('VERSION', () => {
  it("equals package.json's version (it is hardcoded for runtimes that cannot import JSON)", () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { name: string; version: string };
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`${pkg.name}/${pkg.version}`);
  });
});
