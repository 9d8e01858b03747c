// The public shapes the sandbox hands out: Postmark's PascalCase JSON, because that is what
// a test compares against what it sent.

/** An attachment as Postmark receives it. */
export interface SandboxAttachment {
  readonly Name: string;
  readonly Content: string;
  readonly ContentType: string;
  readonly ContentID?: string;
}

/**
 * One accepted message: the Postmark JSON received, plus the `MessageID` and `SubmittedAt`
 * the sandbox answered and the `MessageStream` it went to (`outbound` when none was given).
 * A templated message also carries its rendered `Subject`, `HtmlBody` and `TextBody`.
 *
 * @example
 * const [first] = sandbox.messages();
 * first.To; // 'ada@example.com'
 */
export interface SandboxMessage {
  readonly MessageID: string;
  readonly SubmittedAt: string;
  readonly MessageStream: string;
  readonly From: string;
  readonly To?: string;
  readonly Cc?: string;
  readonly Bcc?: string;
  readonly ReplyTo?: string;
  readonly Subject?: string;
  readonly HtmlBody?: string;
  readonly TextBody?: string;
  readonly Tag?: string;
  readonly Headers?: readonly { readonly Name: string; readonly Value: string }[];
  readonly Metadata?: Readonly<Record<string, string>>;
  readonly Attachments?: readonly SandboxAttachment[];
  readonly TrackOpens?: boolean;
  readonly TrackLinks?: string;
  readonly TemplateId?: number;
  readonly TemplateAlias?: string;
  readonly TemplateModel?: Readonly<Record<string, unknown>>;
  readonly InlineCss?: boolean;
  readonly [field: string]: unknown;
}

/**
 * A bounce record as Postmark's Bounce API returns it.
 *
 * @example
 * sandbox.bounces()[0]?.Type; // 'HardBounce'
 */
export interface SandboxBounce {
  readonly ID: number;
  readonly Type: string;
  readonly TypeCode: number;
  readonly Name: string;
  readonly Tag: string;
  readonly MessageID: string;
  readonly ServerID: number;
  readonly Description: string;
  readonly Details: string;
  readonly Email: string;
  readonly From: string;
  readonly BouncedAt: string;
  readonly DumpAvailable: boolean;
  readonly Inactive: boolean;
  readonly CanActivate: boolean;
  readonly Subject: string;
  readonly Content: string;
  readonly MessageStream: string;
  readonly RecordType: 'Bounce';
}

/** A delivery event of a message, as in `MessageEvents` of the message details. */
export interface SandboxMessageEvent {
  readonly Recipient: string;
  readonly Type: string;
  readonly ReceivedAt: string;
  readonly Details: Readonly<Record<string, string>>;
}

/** Who opened or clicked, with what, and where. Every field is optional. */
export interface SandboxTrackingInput {
  /** One of the message's recipients; the first To by default. */
  readonly Recipient?: string;
  /** `Desktop`, `Mobile`, `WebMail` or `Unknown` (the default). */
  readonly Platform?: string;
  readonly UserAgent?: string;
  readonly Client?: SandboxAgent;
  readonly OS?: SandboxAgent;
  readonly Geo?: Readonly<Record<string, string>>;
}

export interface SandboxAgent {
  readonly Name?: string;
  readonly Family?: string;
  readonly Company?: string;
}

/** An open to simulate. */
export interface SandboxOpenInput extends SandboxTrackingInput {
  /** How long the message was read; absent when not recorded. */
  readonly ReadSeconds?: number;
}

/** A click to simulate. */
export interface SandboxClickInput extends SandboxTrackingInput {
  /** A link of the message's body. */
  readonly OriginalLink: string;
  /** `HTML` or `Text`; by default the body the link is in (HTML first). */
  readonly ClickLocation?: string;
}
