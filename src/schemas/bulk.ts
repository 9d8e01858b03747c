import * as v from './v.js';

// Postmark's JSON of the Bulk API. Postmark's reference writes the id `ID` in the answer to
// POST /email/bulk and `Id` in GET /email/bulk/{id}; the official client reads `Id` in both.
// Either spelling passes, and at least one must be there.
const idOf = (answer: { ID?: string | null; Id?: string | null }) => answer.ID ?? answer.Id;

const ids = {
  ID: v.nullish(v.string()),
  Id: v.nullish(v.string()),
};

/** The answer to POST /email/bulk: the request is taken, and will be sent. */
export const PostmarkBulkAcceptedSchema = v.pipe(
  v.looseObject({
    ...ids,
    Status: v.string(),
    SubmittedAt: v.nullish(v.string()),
  }),
  v.check((answer) => typeof idOf(answer) === 'string' && idOf(answer) !== '', 'an ID'),
);

/** The answer to GET /email/bulk/{id}: how far the request has gone. */
export const PostmarkBulkStatusSchema = v.pipe(
  v.looseObject({
    ...ids,
    Status: v.string(),
    SubmittedAt: v.nullish(v.string()),
    TotalMessages: v.nullish(v.number()),
    PercentageCompleted: v.nullish(v.number()),
    Subject: v.nullish(v.string()),
  }),
  v.check((answer) => typeof idOf(answer) === 'string' && idOf(answer) !== '', 'an ID'),
);

export type PostmarkBulkAccepted = v.InferOutput<typeof PostmarkBulkAcceptedSchema>;
export type PostmarkBulkStatus = v.InferOutput<typeof PostmarkBulkStatusSchema>;
