import type { TrackLinks } from '../model/types.js';
import { TRACK_LINKS } from '../postmark/fields.js';
import { INBOUND_SPAM_THRESHOLD, SERVER_COLORS } from '../postmark/server.js';
import { PostmarkServerSchema } from '../schemas/server.js';
import type { Client, RequestOptions } from '../transport/client.js';
import { anyText, field, flag, integer, oneOf, readFields, text, url } from './fields.js';
import { named, reading } from './read.js';

/**
 * A server's settings, as GET /server answers them, in camelCase. `apiTokens` lists the
 * server's tokens; the one this client uses shows as `[redacted]`.
 */
export interface ServerInfo {
  readonly id: number;
  readonly name: string;
  readonly apiTokens?: readonly string[];
  readonly color?: string;
  readonly smtpApiActivated?: boolean;
  readonly rawEmailEnabled?: boolean;
  /** `Live` or `Sandbox`. */
  readonly deliveryType?: string;
  readonly serverLink?: string;
  readonly inboundAddress?: string;
  readonly inboundHookUrl?: string;
  readonly bounceHookUrl?: string;
  readonly openHookUrl?: string;
  readonly deliveryHookUrl?: string;
  readonly clickHookUrl?: string;
  readonly postFirstOpenOnly?: boolean;
  readonly inboundDomain?: string;
  readonly inboundHash?: string;
  readonly inboundSpamThreshold?: number;
  readonly trackOpens?: boolean;
  readonly trackLinks?: TrackLinks | (string & {});
  readonly includeBounceContentInHook?: boolean;
  readonly enableSmtpApiErrorHooks?: boolean;
}

/** What `server.edit()` may change. Every field is optional; a hook URL of `''` removes it. */
export interface ServerSettingsChanges {
  readonly name?: string;
  readonly color?: (typeof SERVER_COLORS)[number] | (string & {});
  readonly smtpApiActivated?: boolean;
  readonly rawEmailEnabled?: boolean;
  readonly inboundHookUrl?: string;
  readonly bounceHookUrl?: string;
  readonly openHookUrl?: string;
  readonly deliveryHookUrl?: string;
  readonly clickHookUrl?: string;
  readonly postFirstOpenOnly?: boolean;
  readonly inboundDomain?: string;
  /** The spam score over which inbound mail is blocked, 0 to 30. */
  readonly inboundSpamThreshold?: number;
  readonly trackOpens?: boolean;
  readonly trackLinks?: TrackLinks;
  readonly includeBounceContentInHook?: boolean;
  readonly enableSmtpApiErrorHooks?: boolean;
}

// A hook URL is a URL, or '' to remove the hook.
const hookUrl = (name: string, value: unknown) => (value === '' ? '' : url(name, value));
const color = (name: string, value: unknown) =>
  oneOf(SERVER_COLORS)(name, typeof value === 'string' ? value.toLowerCase() : value);

/** The settings a server's owner may change, as `server.edit()` and `account.servers` send them. */
export const SERVER_SETTING_FIELDS = {
  name: field('Name', text),
  color: field('Color', color),
  smtpApiActivated: field('SmtpApiActivated', flag),
  rawEmailEnabled: field('RawEmailEnabled', flag),
  inboundHookUrl: field('InboundHookUrl', hookUrl),
  bounceHookUrl: field('BounceHookUrl', hookUrl),
  openHookUrl: field('OpenHookUrl', hookUrl),
  deliveryHookUrl: field('DeliveryHookUrl', hookUrl),
  clickHookUrl: field('ClickHookUrl', hookUrl),
  postFirstOpenOnly: field('PostFirstOpenOnly', flag),
  inboundDomain: field('InboundDomain', anyText),
  inboundSpamThreshold: field(
    'InboundSpamThreshold',
    integer(INBOUND_SPAM_THRESHOLD.min, INBOUND_SPAM_THRESHOLD.max),
  ),
  trackOpens: field('TrackOpens', flag),
  trackLinks: field('TrackLinks', oneOf(TRACK_LINKS)),
  includeBounceContentInHook: field('IncludeBounceContentInHook', flag),
  enableSmtpApiErrorHooks: field('EnableSmtpApiErrorHooks', flag),
};

/** Reads GET /server (and the account's server answers) as a `ServerInfo`. */
export const ServerReading = reading(PostmarkServerSchema, (raw) => named<ServerInfo>(raw));

/** GET and PUT /server over `client`; the Server class checks the call options. */
export function createServerSettingsApi(client: Client) {
  return {
    info: (options: RequestOptions) => client.get('/server', {}, ServerReading, options),
    edit(changes: ServerSettingsChanges, options: RequestOptions): Promise<ServerInfo> {
      const body = readFields(
        changes,
        SERVER_SETTING_FIELDS,
        'server.edit()',
        '{ trackOpens: true }',
      );
      return client.request({
        ...options,
        method: 'PUT',
        path: '/server',
        body: JSON.stringify(body),
        schema: ServerReading,
        idempotent: false,
      });
    },
  };
}
