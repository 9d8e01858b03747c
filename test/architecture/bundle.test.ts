import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A program that only sends bundles none of the rest of the server's API: the Sender does
// not import it, and everything is free of side effects, so a bundler leaves it out.
const root = fileURLToPath(new URL('../../', import.meta.url));

async function bundle(names: string, entry = './src/index.ts'): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export ${names} from '${entry}';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external: ['ky', 'valibot', 'mime-types', 'pg-boss', 'pg', 'node:*'],
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
  'waitFor',
  'Server(',
];

describe('what a bundle that only sends carries', () => {
  it('{ Message, Sender } carries no template, stream, stats, bounce or status code', async () => {
    const code = await bundle('{ Message, Sender }');
    expect(code).toContain('/email/batch');
    for (const marker of SERVER_ONLY)
      expect({ marker, found: code.includes(marker) }).toEqual({ marker, found: false });
  });

  it('would see them if they were there: a bundle with Server carries them', async () => {
    const code = await bundle('{ Message, Sender, Server }');
    for (const marker of ['/templates', '/bounces', 'waitFor']) expect(code).toContain(marker);
  });
});

// The outbox (postmark-fluent/queue) is an entry of its own: pg-boss and pg are optional peer
// dependencies, which the main entry must never load.
const QUEUE_ONLY = ['pg-boss', 'SKIP LOCKED', 'postmark_outbox'];

describe('the main entry and the queue', () => {
  it('everything the main entry exports carries nothing of the queue', async () => {
    const code = await bundle('*');
    expect(code).toContain('/email/batch');
    for (const marker of QUEUE_ONLY)
      expect({ marker, found: code.includes(marker) }).toEqual({ marker, found: false });
  });

  it('would see it if it were there: the queue entry carries it', async () => {
    const code = await bundle('*', './src/queue/index.ts');
    for (const marker of ['pg-boss', 'postmark_outbox']) expect(code).toContain(marker);
  });
});
