import { PostmarkDeletedSchema } from '../schemas/templates.js';
import { reading } from './read.js';

/** Postmark's words about a write it carried out that answers nothing else (a delete, a bypass). */
export interface Confirmation {
  readonly message: string;
}

/** Reads Postmark's `{ ErrorCode: 0, Message }` answer as a `Confirmation`. */
export const ConfirmationReading = reading(
  PostmarkDeletedSchema,
  (raw): Confirmation => Object.freeze({ message: raw.Message ?? '' }),
);
