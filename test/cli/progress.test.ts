import { describe, expect, it } from 'vitest';
import { progressDisplay } from '../../src/cli/progress.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

const result = (sent: number, failed: number) => ({
  sent: Array(sent).fill({}),
  failed: Array(failed).fill({}),
});

describe('progressDisplay', () => {
  it('counts on across batch calls, so the second group does not restart at zero', () => {
    const out = terminal(true);
    const progress = progressDisplay(700, out);
    const plain = progress.group();
    plain({ done: 500, total: 600, sent: 499, failed: 1 });
    plain({ done: 600, total: 600, sent: 598, failed: 2 });
    progress.add(result(598, 2));
    const templated = progress.group();
    templated({ done: 100, total: 100, sent: 97, failed: 3 });
    progress.finish();
    expect(out.written).toEqual([
      '\r  500/700 answered: 499 sent, 1 failed',
      '\r  600/700 answered: 598 sent, 2 failed',
      '\r  700/700 answered: 695 sent, 5 failed',
      '\n',
    ]);
  });

  it('draws nothing when the output is not a terminal, or for one message', () => {
    for (const [isTTY, total] of [
      [false, 10],
      [true, 1],
    ] as const) {
      const out = terminal(isTTY);
      const progress = progressDisplay(total, out);
      progress.group()({ done: total, total, sent: total, failed: 0 });
      progress.finish();
      expect(out.written).toEqual([]);
    }
  });
});
