import { PostmarkHeaderEntrySchema } from './inbound.js';
import * as v from './v.js';

// Postmark's JSON of the Webhooks API. Loose objects, nullish where Postmark may send null.

/** A trigger's settings: `Enabled`, and for some `PostFirstOpenOnly` or `IncludeContent`. */
export const PostmarkWebhookTriggerSchema = v.looseObject({
  Enabled: v.boolean(),
  PostFirstOpenOnly: v.nullish(v.boolean()),
  IncludeContent: v.nullish(v.boolean()),
});

/** A webhook as GET /webhooks/{id} (and each element of GET /webhooks) answers it. */
export const PostmarkWebhookSchema = v.looseObject({
  ID: v.number(),
  Url: v.string(),
  MessageStream: v.nullish(v.string()),
  HttpAuth: v.nullish(
    v.looseObject({
      Username: v.nullish(v.string()),
      // The password is the caller's secret: a malformed one is reported without its value.
      Password: v.nullish(v.string('expected a string (the value is not shown)')),
    }),
  ),
  HttpHeaders: v.nullish(v.array(PostmarkHeaderEntrySchema)),
  Triggers: v.nullish(v.record(v.string(), v.nullish(PostmarkWebhookTriggerSchema))),
});

/** The answer to GET /webhooks. */
export const PostmarkWebhookListSchema = v.looseObject({
  Webhooks: v.array(PostmarkWebhookSchema),
});

export type PostmarkWebhook = v.InferOutput<typeof PostmarkWebhookSchema>;
