import type { Message } from '../message/message.js';
import { ERROR_CODES, WORDING } from '../postmark/error-codes.js';
import type { SendResult } from '../send/send-result.js';
import type { PostmarkSentMessageInfo } from './types.js';

/**
 * Nodemailer's `info` for a message Postmark accepted. `sent` is the message as it went out,
 * the Sender's defaults laid under it, so the recipients and From are the ones Postmark took.
 */
export function sentInfo(result: SendResult, sent: Message): PostmarkSentMessageInfo {
  const { from, to, cc, bcc } = sent.data;
  // Nodemailer's envelope lists each recipient once, in the order of To, Cc, Bcc.
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const address of [...to, ...cc, ...bcc]) {
    const folded = address.email.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    recipients.push(address.email);
  }
  return {
    messageId: result.messageId,
    accepted: recipients,
    rejected: [],
    envelope: { from: from?.email ?? '', to: [...recipients] },
    response: `${ERROR_CODES.ok} ${WORDING.accepted}`,
    submittedAt: result.submittedAt,
  };
}
