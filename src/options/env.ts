import { isMessageValidationError } from '../errors/message-validation-error.js';
import { Message } from '../message/message.js';
import { TEST_TOKEN } from '../postmark/answers.js';
import { dryRunTransport } from '../transport/dry-run.js';
import type { AccountOptions } from './account.js';
import type { SenderOptions } from './sender.js';

/** Environment variables, as `process.env` holds them (or a Worker's `env` binding). */
export type Env = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['', '0', 'false', 'no', 'off']);

/**
 * Sender options from environment variables, the settings the Flask and Django
 * integrations of Postmark's Python libraries read:
 * - `POSTMARK_SERVER_TOKEN` → `serverToken`
 * - `POSTMARK_DEFAULT_FROM`, `POSTMARK_DEFAULT_REPLY_TO`, `POSTMARK_MESSAGE_STREAM` → `defaults`
 * - `POSTMARK_BASE_URL` → `baseUrl`
 * - `POSTMARK_TEST_MODE` (`true`/`1`/`yes`/`on`) → the dry-run transport; nothing is sent,
 *   and the token may be left out.
 * A variable that is unset or empty is ignored.
 */
export function optionsFromEnv(env: Env): Partial<SenderOptions> {
  const read = (name: string) => variable(env, name);
  const testMode = readFlag('POSTMARK_TEST_MODE', env.POSTMARK_TEST_MODE);
  const serverToken = read('POSTMARK_SERVER_TOKEN') ?? (testMode ? TEST_TOKEN : undefined);

  let defaults = Message.empty();
  const apply = (name: string, step: (m: Message, value: string) => Message) => {
    const value = read(name);
    if (value === undefined) return;
    try {
      defaults = step(defaults, value);
    } catch (error) {
      if (!isMessageValidationError(error)) throw error;
      throw new TypeError(`${name} is not valid: ${error.message}`, { cause: error });
    }
  };
  apply('POSTMARK_DEFAULT_FROM', (m, value) => m.from(value));
  apply('POSTMARK_DEFAULT_REPLY_TO', (m, value) => m.replyTo(value));
  apply('POSTMARK_MESSAGE_STREAM', (m, value) => m.stream(value));

  return {
    ...(serverToken === undefined ? {} : { serverToken }),
    ...(defaults === Message.empty() ? {} : { defaults }),
    ...connectionFromEnv(env, testMode),
  };
}

/**
 * Account options from environment variables: `POSTMARK_ACCOUNT_TOKEN` → `accountToken`, and
 * `POSTMARK_BASE_URL` and `POSTMARK_TEST_MODE` as for a Sender (in test mode nothing is sent:
 * the dry-run transport answers only sends, so account calls reject with an ApiError saying
 * they were not sent).
 */
export function accountOptionsFromEnv(env: Env): Partial<AccountOptions> {
  const testMode = readFlag('POSTMARK_TEST_MODE', env.POSTMARK_TEST_MODE);
  const accountToken =
    variable(env, 'POSTMARK_ACCOUNT_TOKEN') ?? (testMode ? TEST_TOKEN : undefined);
  return {
    ...(accountToken === undefined ? {} : { accountToken }),
    ...connectionFromEnv(env, testMode),
  };
}

function connectionFromEnv(env: Env, testMode: boolean) {
  const baseUrl = variable(env, 'POSTMARK_BASE_URL');
  return {
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(testMode ? { transport: dryRunTransport() } : {}),
  };
}

/** Whether `POSTMARK_TEST_MODE` asks for a dry run (nothing is sent). */
export function isTestMode(env: Env): boolean {
  return readFlag('POSTMARK_TEST_MODE', env.POSTMARK_TEST_MODE);
}

// A variable that is unset or empty is ignored.
function variable(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function readFlag(name: string, value: string | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new TypeError(`${name} must be true or false (1/0, yes/no, on/off); got "${value}"`);
}

/** `process.env` where there is one (Node, Bun, Deno), without importing `node:process`. */
export function processEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}
