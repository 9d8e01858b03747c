import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run demo (examples/demo.mjs)', () => {
  it('walks through every step against the sandbox and exits 0', () => {
    // The demo imports the package by name, which resolves to the build.
    if (!existsSync(`${root}dist/index.js`)) throw new Error('run "npm run build" first');
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('POSTMARK_')),
    );
    const run = spawnSync(process.execPath, ['examples/demo.mjs'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const out = run.stdout;
    for (const line of [
      /^1\. Start the sandbox/m,
      /^3\. One message with an attachment/m,
      /503 → retried \(\/email after ServerError\) → sent once, MessageID [0-9a-f-]{36}/,
      /attachment report\.csv \(text\/csv\), From Acme <app@example\.com>/,
      /template "welcome" → subject "Welcome, Bob!"/,
      /waitFor → Delivered to bob@example\.com/,
      /^5\. A batch of 3,000 messages/m,
      /sent 2,965 messages, failed 35/,
      /failed by cause:\n {5}invalid \(caught before sending\) ×20\n {5}ErrorCode 1235 \(stream not found\) ×10\n {5}ErrorCode 400 \(sender signature not found\) ×5\n/,
      /fault seed \d+: startSandbox\(\{ seed: \d+ \}\) replays the same random faults/,
      /7 requests to \/email\/batch \(429, 200, 200, 200, 200, 200, 200\): 6 chunks of ≤500/,
      /waitFor → status Sent, event Bounced/,
      /bounces\.list → #\d+ HardBounce \(Hard bounce\), inactive: true/,
      /InactiveRecipientError \(ErrorCode 406, inactive recipient\): hardbounce@bounce-testing\.postmarkapp\.com/,
      /^8\. The rest of the server API/m,
      /templates\.create \+ streams\.create → "Receipt 7" on stream receipts/,
      /opens\.forMessage → Mobile with Gmail \(simulated\)/,
      /stats\.overview\(\{ stream: 'receipts' \}\) → sent 1, unique opens 1/,
      /^9\. Close the sandbox/m,
      /Demo finished: every step did what it should\./,
    ]) {
      expect(out).toMatch(line);
    }
    // A short account, not a dump: no line of the demo is a wall of JSON.
    expect(out.split('\n').every((line) => line.length <= 120)).toBe(true);
  });
});
