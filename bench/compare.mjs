// `npm run bench:compare -- <git ref>`: this working tree against an earlier commit, on our
// side of figures 1 and 2, both builds loaded in one process and measured in interleaved
// rounds. Figures from separate runs differ by more than most changes on a shared machine;
// taken together, both builds see the same load, so the comparison is what is left.
// The earlier commit is checked out in a temporary git worktree and built with this tree's
// node_modules (so it runs with today's dependencies).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { batchDefaults, batchOwn, typicalByHand, typicalOursJson } from './fixtures.mjs';
import { measureInRounds, oneRunEach } from './rounds.mjs';
import { forkSink } from './sink.mjs';

const ref = process.argv[2];
if (!ref) {
  console.error('usage: npm run bench:compare -- <git ref>   (npm run builds this tree first)');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const sha = git('rev-parse', '--short', ref);
const worktree = join(mkdtempSync(join(tmpdir(), 'postmark-fluent-compare-')), sha);

let sink;
try {
  git('worktree', 'add', '--detach', worktree, sha);
  symlinkSync(join(root, 'node_modules'), join(worktree, 'node_modules'), 'dir');
  execFileSync('npx', ['tsup'], { cwd: worktree, stdio: 'ignore' });
  const before = await import(pathToFileURL(join(worktree, 'dist', 'index.js')).href);
  const after = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);

  let kept = 0;
  const buildOnce = (Message) => () => {
    kept += typicalOursJson(Message).length;
  };
  const build = await measureInRounds(
    {
      [sha]: buildOnce(before.Message),
      'this tree': buildOnce(after.Message),
      'by hand': () => {
        kept += JSON.stringify(typicalByHand()).length;
      },
    },
    {
      rounds: 12,
      options: (round) => ({ time: 150, warmupTime: round === 0 ? 500 : 50 }),
      transform: (ms) => ms * 1000,
    },
  );

  sink = await forkSink();
  const count = 20_000;
  // As figure 2 sends them: each message its own fields, the shared ones the Sender's defaults.
  const batchOf = ({ Message, Sender }) => {
    const messages = Array.from({ length: count }, (_, i) => batchOwn(Message, i));
    const defaults = batchDefaults(Message);
    const sender = new Sender({ serverToken: 'bench-server-token', baseUrl: sink.url, defaults });
    return async () => {
      const batch = await sender.sendBatch(messages);
      if (batch.sent.length !== count) throw new Error(`${batch.failed.length} failed`);
    };
  };
  const throughput = await measureInRounds(
    { [sha]: batchOf(before), 'this tree': batchOf(after) },
    {
      rounds: 9,
      options: oneRunEach,
      transform: (ms) => count / (ms / 1000),
    },
  );

  const row = (name, stat, digits) =>
    `| ${name} | ${stat.median.toFixed(digits)} ± ${stat.mad.toFixed(digits)} |`;
  console.log(`Figure 1, µs per typical message (lower is better); kept ${kept > 0}`);
  console.log('| build | median ± MAD |\n| --- | ---: |');
  for (const [name, stat] of Object.entries(build)) console.log(row(name, stat, 2));
  console.log('\nFigure 2, sendBatch of 20,000 messages to the sink, messages per second');
  console.log('| build | median ± MAD |\n| --- | ---: |');
  for (const [name, stat] of Object.entries(throughput)) console.log(row(name, stat, 0));
} finally {
  await sink?.close();
  try {
    git('worktree', 'remove', '--force', worktree);
  } catch {
    rmSync(worktree, { recursive: true, force: true });
    git('worktree', 'prune');
  }
}
