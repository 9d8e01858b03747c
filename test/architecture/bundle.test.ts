import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A program that only sends bundles none of the rest of the server's API, nor the account's:
// the Sender imports neither, and everything is free of side effects, so a bundler leaves
// them out.
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
    const code = await bundle('{ Message, Sender }');
    expect(code).toContain('/email/batch');
    for (const marker of [...SERVER_ONLY, ...ACCOUNT_ONLY])
      expect({ marker, found: code.includes(marker) }).toEqual({ marker, found: false });
  });

  it('would see them if they were there: a bundle with Server carries them', async () => {
    const code = await bundle('{ Message, Sender, Server }');
    for (const marker of ['/templates', '/bounces', 'messages.waitFor'])
      expect(code).toContain(marker);
  });

  it('would see them if they were there: a bundle with Account carries them', async () => {
    const code = await bundle('{ Message, Sender, Account }');
    for (const marker of ACCOUNT_ONLY) expect(code).toContain(marker);
  });
});

// What is installed is dist/, not src/: the Node build is a few large chunks, in which a
// bundler keeps every top-level statement it cannot prove harmless (the build marks them;
// scripts/pure-top-level.ts). `npm test` builds before it runs the tests.
describe('what a bundle of the built package that only sends carries', () => {
  async function bundleBuilt(names: string, entry: string, platform: 'node' | 'neutral') {
    if (!existsSync(`${root}${entry}`)) throw new Error(`${entry} is missing: run npm run build`);
    const result = await build({
      stdin: { contents: `export ${names} from './${entry}';`, resolveDir: root, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform,
      external: ['ky', 'valibot', 'mime-types', 'pg-boss', 'pg', 'node:*'],
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.text ?? '';
  }

  for (const [entry, platform] of [
    ['dist/index.js', 'node'],
    ['dist/edge/index.js', 'neutral'],
  ] as const) {
    it(`{ Message, Sender } from ${entry} carries no server or account code`, async () => {
      const code = await bundleBuilt('{ Message, Sender }', entry, platform);
      expect(code).toContain('/email/batch');
      for (const marker of [...SERVER_ONLY, ...ACCOUNT_ONLY])
        expect({ marker, found: code.includes(marker) }).toEqual({ marker, found: false });
    });

    it(`would see it if it were there: Server and Account from ${entry}`, async () => {
      const code = await bundleBuilt('{ Message, Sender, Server, Account }', entry, platform);
      for (const marker of ['/templates', 'messages.waitFor', '/data-removals'])
        expect(code).toContain(marker);
    });
  }
});

describe('what the rest of the package costs a bundle that only sends', () => {
  // The modules (of the package and of its dependencies) a bundle carries.
  async function modulesOf(contents: string): Promise<string[]> {
    const result = await build({
      stdin: { contents, resolveDir: root, loader: 'ts' },
      bundle: true,
      minify: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
    });
    const [output] = Object.values(result.metafile.outputs);
    return Object.entries(output?.inputs ?? {})
      .filter(([path, input]) => input.bytesInOutput > 0 && path !== '<stdin>')
      .map(([path]) => path)
      .sort();
  }

  it('nothing: { Message, Sender } from the main entry carries only their own modules', async () => {
    const throughIndex = await modulesOf("export { Message, Sender } from './src/index.ts';");
    const direct = await modulesOf(
      "export { Message } from './src/message/message.ts'; export { Sender } from './src/send/sender.ts';",
    );
    expect(throughIndex).toContain('src/send/batch.ts');
    expect(throughIndex).toEqual(direct);
  });
});

describe('where the mailbox is', () => {
  const MAILBOX = ['/mailbox/', 'text/event-stream'];

  it('is in no part of the main entry (nor so of the Workers build, made from it)', async () => {
    const code = await bundle('*');
    for (const marker of MAILBOX)
      expect({ marker, found: code.includes(marker) }).toEqual({ marker, found: false });
  });

  it('is loaded by the sandbox on first use, from a chunk of its own', async () => {
    const result = await build({
      entryPoints: { sandbox: 'src/sandbox/index.ts' },
      absWorkingDir: root,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      splitting: true,
      outdir: 'out',
      packages: 'external',
      // The page's files stay imports: what matters is which chunk imports them.
      plugins: [
        {
          name: 'raw-external',
          setup: (build) => {
            build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: args.path, external: true }));
          },
        },
      ],
      logLevel: 'silent',
    });
    const [entry, ...chunks] = result.outputFiles.filter((file) => file.path.endsWith('.js'));
    expect(entry?.path).toMatch(/out\/sandbox\.js$/);
    expect(entry?.text).toMatch(/import\("\.\/serve-\w+\.js"\)/);
    expect(entry?.text).not.toContain('text/event-stream');
    expect(entry?.text).not.toContain('?raw');
    const mailbox = chunks.filter((chunk) => chunk.text.includes('text/event-stream'));
    expect(mailbox.map((chunk) => chunk.text.includes('mailbox.js?raw'))).toEqual([true]);
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
