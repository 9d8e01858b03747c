import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A program that only sends bundles none of the rest of the server's API, nor the account's:
// the Sender imports neither, and everything is free of side effects, so a bundler leaves
// them out.
const root = fileURLToPath(new URL('../../', import.meta.url));

async function bundle(names: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { ${names} } from './src/index.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external: ['ky', 'valibot', 'mime-types'],
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

// Paths and names only the server's API (or the sandbox) has.
const SERVER_ONLY = [
  '/templates',
  '/message-streams',
  '/stats/outbound',
  '/bounces',
  '/deliverystats',
  '/messages/outbound',
  // messages.waitFor(); the Sender's waitForBulk() is its own.
  'messages.waitFor',
  'Server(',
];

// Paths and names only the account's API has. (The account token's header name is not one:
// the request layer names it when it explains a refused token.)
const ACCOUNT_ONLY = [
  '/servers',
  '/domains',
  '/senders',
  '/templates/push',
  '/data-removals',
  'Account(',
];

describe('what a bundle that only sends carries', () => {
  it('{ Message, Sender } carries no template, stream, stats, bounce or status code', async () => {
    const code = await bundle('Message, Sender');
    expect(code).toContain('/email/batch');
    for (const marker of [...SERVER_ONLY, ...ACCOUNT_ONLY])
      expect({ marker, found: code.includes(marker) }).toEqual({ marker, found: false });
  });

  it('would see them if they were there: a bundle with Server carries them', async () => {
    const code = await bundle('Message, Sender, Server');
    for (const marker of ['/templates', '/bounces', 'messages.waitFor'])
      expect(code).toContain(marker);
  });

  it('would see them if they were there: a bundle with Account carries them', async () => {
    const code = await bundle('Message, Sender, Account');
    for (const marker of ACCOUNT_ONLY) expect(code).toContain(marker);
  });
});
