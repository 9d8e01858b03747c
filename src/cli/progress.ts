import type { BatchProgress } from '../send/batch.js';
import type { BatchResult } from '../send/batch-result.js';

interface Output {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A one-line progress display over several batch calls (plain and templated messages go in
 * separate calls, each counting from zero), drawn only on a terminal so logs and pipes stay
 * clean.
 *
 * @example
 * const progress = progressDisplay(3000);
 * await sender.sendBatch(plain, { onProgress: progress.group() });
 * progress.finish();
 */
export function progressDisplay(total: number, output: Output = process.stderr) {
  const shown = output.isTTY === true && total > 1;
  const before = { done: 0, sent: 0, failed: 0 };
  let drawn = false;
  const draw = (done: number, sent: number, failed: number) => {
    if (!shown) return;
    drawn = true;
    output.write(`\r  ${done}/${total} answered: ${sent} sent, ${failed} failed`);
  };
  return {
    /** The `onProgress` of the next batch call. */
    group() {
      return (progress: BatchProgress) =>
        draw(
          before.done + progress.done,
          before.sent + progress.sent,
          before.failed + progress.failed,
        );
    },
    /** Counts a finished call, so the next one continues from its totals. */
    add(result: Pick<BatchResult, 'sent' | 'failed'>) {
      before.sent += result.sent.length;
      before.failed += result.failed.length;
      before.done = before.sent + before.failed;
    },
    /** Ends the line, if one was drawn, so the summary starts on its own. */
    finish() {
      if (drawn) output.write('\n');
    },
  };
}
