import { randomBytes } from 'node:crypto';
import { TRACK_LINKS } from '../postmark/fields.js';
import { INBOUND_SPAM_THRESHOLD, SERVER_COLORS } from '../postmark/server.js';
import { hookUrlProblem } from '../postmark/webhooks.js';
import { isPlainObject, type Problem } from './http.js';

/**
 * The settings of one of the sandbox's servers, as GET /server answers them.
 *
 * @example
 * (await fetch(`${sandbox.url}/server`, { headers })).json(); // { ID: 1, Name: 'Sandbox', ... }
 */
export interface SandboxServerSettings {
  readonly ID: number;
  readonly Name: string;
  readonly ApiTokens: readonly string[];
  readonly Color: string;
  readonly SmtpApiActivated: boolean;
  readonly RawEmailEnabled: boolean;
  readonly DeliveryType: 'Live' | 'Sandbox';
  readonly ServerLink: string;
  readonly InboundAddress: string;
  readonly InboundHookUrl: string;
  readonly BounceHookUrl: string;
  readonly OpenHookUrl: string;
  readonly DeliveryHookUrl: string;
  readonly ClickHookUrl: string;
  readonly PostFirstOpenOnly: boolean;
  readonly InboundDomain: string;
  readonly InboundHash: string;
  readonly InboundSpamThreshold: number;
  readonly TrackOpens: boolean;
  readonly TrackLinks: (typeof TRACK_LINKS)[number];
  readonly IncludeBounceContentInHook: boolean;
  readonly EnableSmtpApiErrorHooks: boolean;
}

type Kind = 'text' | 'flag' | 'hook' | 'color' | 'threshold' | 'trackLinks';

// What PUT /server may change, and how each value is checked. Postmark ignores the
// read-only fields (ID, ApiTokens, InboundAddress, ...) and unknown ones; so does the sandbox.
const EDITABLE: Readonly<Record<string, Kind>> = {
  Name: 'text',
  Color: 'color',
  SmtpApiActivated: 'flag',
  RawEmailEnabled: 'flag',
  InboundHookUrl: 'hook',
  BounceHookUrl: 'hook',
  OpenHookUrl: 'hook',
  DeliveryHookUrl: 'hook',
  ClickHookUrl: 'hook',
  PostFirstOpenOnly: 'flag',
  InboundDomain: 'text',
  InboundSpamThreshold: 'threshold',
  TrackOpens: 'flag',
  TrackLinks: 'trackLinks',
  IncludeBounceContentInHook: 'flag',
  EnableSmtpApiErrorHooks: 'flag',
};

const invalid = (message: string): Problem => ({ errorCode: 300, message });

function valueProblem(field: string, kind: Kind, value: unknown): Problem | undefined {
  switch (kind) {
    case 'flag':
      return typeof value === 'boolean' ? undefined : invalid(`${field} must be true or false.`);
    case 'text':
      if (typeof value !== 'string') return invalid(`${field} must be a string.`);
      return field === 'Name' && value.trim() === '' ? invalid('Name is required.') : undefined;
    case 'hook': {
      if (typeof value !== 'string') return invalid(`${field} must be a string.`);
      const problem = value === '' ? undefined : hookUrlProblem(value);
      return problem ? invalid(`${field} ${problem}.`) : undefined;
    }
    case 'color':
      return typeof value === 'string' &&
        (SERVER_COLORS as readonly string[]).includes(value.toLowerCase())
        ? undefined
        : invalid(`Color must be one of ${SERVER_COLORS.join(', ')}.`);
    case 'threshold': {
      const { min, max } = INBOUND_SPAM_THRESHOLD;
      return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
        ? undefined
        : invalid(`InboundSpamThreshold must be a whole number from ${min} to ${max}.`);
    }
    case 'trackLinks':
      return (TRACK_LINKS as readonly unknown[]).includes(value)
        ? undefined
        : invalid(`TrackLinks must be one of ${TRACK_LINKS.join(', ')}.`);
  }
}

/** Who a server is: what POST /servers sets once (the rest are settings PUT can change). */
export interface ServerIdentity {
  readonly id: number;
  readonly name: string;
  readonly deliveryType: SandboxServerSettings['DeliveryType'];
}

/** The server's settings: read by GET /server, changed by PUT /server, used when sending. */
export class ServerSettingsStore {
  #settings: SandboxServerSettings;

  constructor(
    token: string,
    identity: ServerIdentity = { id: 1, name: 'Sandbox', deliveryType: 'Live' },
  ) {
    const hash = randomBytes(16).toString('hex');
    this.#settings = Object.freeze({
      ID: identity.id,
      Name: identity.name,
      ApiTokens: Object.freeze([token]),
      Color: 'purple',
      SmtpApiActivated: true,
      RawEmailEnabled: false,
      DeliveryType: identity.deliveryType,
      ServerLink: '',
      InboundAddress: `${hash}@inbound.postmarkapp.com`,
      InboundHookUrl: '',
      BounceHookUrl: '',
      OpenHookUrl: '',
      DeliveryHookUrl: '',
      ClickHookUrl: '',
      PostFirstOpenOnly: false,
      InboundDomain: '',
      InboundHash: hash,
      InboundSpamThreshold: 0,
      TrackOpens: false,
      TrackLinks: 'None',
      IncludeBounceContentInHook: false,
      EnableSmtpApiErrorHooks: false,
    });
  }

  get(): SandboxServerSettings {
    return this.#settings;
  }

  /** The settings with `changes` applied, or why not (nothing changes then). */
  check(changes: unknown): SandboxServerSettings | Problem {
    if (!isPlainObject(changes)) return invalid('The body must be a JSON object.');
    const next: Record<string, unknown> = { ...this.#settings };
    for (const [field, kind] of Object.entries(EDITABLE)) {
      if (!Object.hasOwn(changes, field)) continue;
      const value = changes[field];
      const problem = valueProblem(field, kind, value);
      if (problem) return problem;
      next[field] = kind === 'color' ? (value as string).toLowerCase() : value;
    }
    return Object.freeze(next) as unknown as SandboxServerSettings;
  }

  /** Applies `changes` (all or nothing) and answers the settings, or says why not. */
  edit(changes: unknown): SandboxServerSettings | Problem {
    const next = this.check(changes);
    if ('ID' in next) this.#settings = next;
    return next;
  }
}

/** Whether `answer` is a broken rule rather than settings. */
export function isProblem(answer: SandboxServerSettings | Problem): answer is Problem {
  return 'errorCode' in answer;
}
