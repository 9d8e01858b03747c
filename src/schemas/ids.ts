import * as v from './v.js';

// Postmark's IDs are 64-bit, but a number holds integers exactly only up to 2^53 − 1: past
// that, JSON.parse has rounded the ID before any code sees it (Postmark's own Bounce example,
// 4323372036854775807, reads as ...776000). A rounded ID names another record, so it is refused.

/** Why an ID past `Number.MAX_SAFE_INTEGER` is refused, as the errors word it. */
export const EXACT_ID_RULE = `must be a whole number up to ${Number.MAX_SAFE_INTEGER} (Number.MAX_SAFE_INTEGER): past that a JavaScript number cannot hold Postmark's ID exactly`;

/** A numeric ID of Postmark's that a JavaScript number holds exactly. */
export const PostmarkIdSchema = v.pipe(
  v.number(),
  v.rawCheck(({ dataset, addIssue }) => {
    const id = dataset.value;
    if (dataset.typed && !Number.isSafeInteger(id))
      addIssue({ message: EXACT_ID_RULE, expected: 'safe integer', received: String(id) });
  }),
);
