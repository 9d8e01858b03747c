import type { Limits } from '../postmark/limits.js';
import type { ServerSettingsStore } from './server-settings.js';
import type { Store } from './store.js';
import type { TemplateStore } from './templates.js';

/** What a route may read and change: the state of one sandbox, never anything global. */
export interface SandboxContext {
  readonly store: Store;
  readonly templates: TemplateStore;
  readonly limits: Limits;
  /** The server's settings (GET/PUT /server): its default tracking, its hook URLs. */
  readonly settings: ServerSettingsStore;
  /** Message streams this server knows. */
  readonly streams: ReadonlySet<string>;
  /** Confirmed sender addresses or domains; undefined accepts any From. */
  readonly senderSignatures: readonly string[] | undefined;
  /** How long after acceptance delivery events and bounces appear. */
  readonly eventDelayMs: number;
  /** Folder that receives one JSON file per accepted message, if any. */
  readonly dataDir: string | undefined;
  /**
   * True for the `POSTMARK_API_TEST` token. Its requests get a throwaway store and no dataDir,
   * so sends keep nothing; templates are shared, so POST /templates checks the flag itself.
   */
  readonly testMode: boolean;
  readonly now: () => number;
}
