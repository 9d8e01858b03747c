import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Layers point one way: Postmark's facts at the bottom, then the message model, its
// serialization, the Message, and the send pipeline on top; the API layer and the sandbox
// stand on the facts and never on each other. Each folder of src/ may import only the
// folders listed for it, and no module may reach itself through its imports, not even
// through a type-only import.
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  utils: [],
  postmark: ['utils'],
  errors: [],
  platform: [],
  model: ['utils', 'postmark', 'errors', 'platform'],
  schemas: ['utils', 'postmark'],
  serialize: ['utils', 'postmark', 'errors', 'model', 'schemas'],
  message: ['utils', 'postmark', 'errors', 'model', 'schemas', 'serialize'],
  transport: ['utils', 'postmark', 'errors'],
  options: ['utils', 'postmark', 'errors', 'model', 'message', 'transport'],
  // `send` for a type only: Server.of(sender) takes a Sender, which never imports the API.
  api: ['utils', 'postmark', 'errors', 'model', 'schemas', 'transport', 'options', 'send'],
  send: [
    'utils',
    'postmark',
    'errors',
    'model',
    'schemas',
    'serialize',
    'message',
    'transport',
    'options',
  ],
  testing: ['utils', 'postmark', 'errors', 'schemas', 'transport'],
  sandbox: ['utils', 'postmark', 'errors', 'model', 'schemas', 'serialize', 'message'],
  // The Nodemailer transport stands on the Sender, as an app would; never on api/ or sandbox/.
  nodemailer: [
    'utils',
    'postmark',
    'errors',
    'model',
    'schemas',
    'serialize',
    'message',
    'transport',
    'options',
    'send',
  ],
  // Receiving Postmark's webhooks: its facts and schemas only, never the sending side.
  webhooks: ['utils', 'postmark', 'errors', 'schemas'],
  // The outbox stands on the send pipeline (and its rules of what may have been taken).
  queue: ['utils', 'postmark', 'errors', 'serialize', 'message', 'transport', 'options', 'send'],
};

const src = resolve(fileURLToPath(new URL('../../src/', import.meta.url)));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

const graph = new Map<string, string[]>();
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(IMPORT)].map((match) =>
    resolve(dirname(file), (match[1] ?? match[2] ?? '').replace(/\.js$/, '.ts')),
  );
  graph.set(file, targets);
}

const folderOf = (file: string) => {
  const path = relative(src, file).split('/');
  return path.length > 1 ? (path[0] as string) : '';
};

describe('layers', () => {
  it('reads every module of src/', () => {
    expect(graph.size).toBeGreaterThan(80);
  });

  it('each folder imports only the folders below it', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      const allowed = ALLOWED[from];
      if (allowed === undefined) continue; // the entry files, the CLI: on top of everything
      for (const target of targets) {
        const to = folderOf(target);
        if (to !== from && !allowed.includes(to)) wrong.push(`${relative(src, file)} → ${to}/`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no module imports itself through others (no cycles)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push(
          [...path.slice(path.indexOf(file)), file].map((f) => relative(src, f)).join(' → '),
        );
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) walk(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) walk(file, []);
    expect(cycles).toEqual([]);
  });

  it('would notice a cycle and a wrong direction', () => {
    // The checks above must be able to fail: the patterns see both kinds of import.
    const sample =
      "import type { A } from './a.js';\nexport { B } from '../b.js';\nawait import('./c.js');";
    expect([...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2])).toEqual([
      './a.js',
      '../b.js',
      './c.js',
    ]);
  });
});
