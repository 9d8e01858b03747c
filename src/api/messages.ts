import { callOptions } from '../options/call.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { DumpReading } from './bounce-results.js';
import { checkId } from './checks.js';
import { type MessageFilter, messageQuery } from './filters.js';
import {
  type MessageDetails,
  MessageDetailsReading,
  type MessageList,
  MessageListReading,
  type OutboundMessage,
} from './message-results.js';
import { DEFAULT_LIST_COUNT, iteratePages, MAX_PAGE_COUNT } from './paging.js';
import { type WaitForOptions, waitForMessage } from './wait-for.js';

/**
 * The outbound Messages API of one server: `server.messages`. Reads retry on 5xx, 429 and
 * timeouts.
 *
 * @example
 * const { messageId } = await mailer.send(message);
 * const details = await server.messages.waitFor(messageId); // delivered or bounced
 */
export interface MessagesApi {
  /**
   * One page of sent messages, newest first. `count` defaults to 100 and `offset` to 0; the
   * filter is checked before any request (`TypeError`/`RangeError` naming the field).
   * @example await server.messages.search({ recipient: 'ada@example.com', status: 'sent' });
   */
  search(filter?: MessageFilter, options?: RequestOptions): Promise<MessageList>;
  /**
   * Every matching message, in pages of `count` (default 500); throws a `RangeError` when
   * more than Postmark's window of 10,000 match.
   * @example for await (const message of server.messages.all({ tag: 'welcome' })) console.log(message.subject);
   */
  all(
    filter?: MessageFilter,
    options?: RequestOptions,
  ): AsyncGenerator<OutboundMessage, void, undefined>;
  /**
   * The message with its bodies and delivery events.
   * @example const { events } = await server.messages.details(messageId);
   */
  details(messageId: string, options?: RequestOptions): Promise<MessageDetails>;
  /**
   * The message as MIME source.
   * @example const source = await server.messages.dump(messageId);
   */
  dump(messageId: string, options?: RequestOptions): Promise<string>;
  /**
   * Checks the details until every recipient has a Delivered or Bounced event (or `until`
   * holds), pausing `interval` ms doubling up to `maxInterval`; resolves to the details.
   * Rejects with a `TimeoutError` after `timeout` ms and with the signal's reason on abort.
   * @example const details = await server.messages.waitFor(messageId, { timeout: 120_000 });
   */
  waitFor(messageId: string, options?: WaitForOptions): Promise<MessageDetails>;
}

/**
 * The outbound Messages API over `client`.
 * @example const messages = createMessagesApi(client);
 */
export function createMessagesApi(client: Client): MessagesApi {
  async function details(messageId: string, options?: RequestOptions): Promise<MessageDetails> {
    const id = checkId('messages.details()', messageId, false);
    options = callOptions('messages.details()', options);
    return client.get(pathTo`/messages/outbound/${id}/details`, {}, MessageDetailsReading, options);
  }

  return Object.freeze({
    async search(filter?: MessageFilter, options?: RequestOptions) {
      const { query, paging } = messageQuery(filter, DEFAULT_LIST_COUNT, 'messages.search()');
      options = callOptions('messages.search()', options);
      return client.get('/messages/outbound', { ...query, ...paging }, MessageListReading, options);
    },

    all(filter?: MessageFilter, options?: RequestOptions) {
      // Checked now, not at the first `next()`: a bad filter fails where it was written.
      const { query, paging, narrowBy } = messageQuery(filter, MAX_PAGE_COUNT, 'messages.all()');
      options = callOptions('messages.all()', options);
      return iteratePages(
        async (page) => {
          const list = await client.get(
            '/messages/outbound',
            { ...query, ...page },
            MessageListReading,
            options,
          );
          return { totalCount: list.totalCount, items: list.messages };
        },
        paging,
        'messages.all()',
        narrowBy,
      );
    },

    details,

    async dump(messageId: string, options?: RequestOptions) {
      const id = checkId('messages.dump()', messageId, false);
      options = callOptions('messages.dump()', options);
      return client.get(pathTo`/messages/outbound/${id}/dump`, {}, DumpReading, options);
    },

    async waitFor(messageId: string, options?: WaitForOptions) {
      const id = checkId('messages.waitFor()', messageId, false) as string;
      return waitForMessage((signal) => details(id, { signal }), id, options);
    },
  });
}
