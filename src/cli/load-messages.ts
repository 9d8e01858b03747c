import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  isMessageValidationError,
  type ValidationIssue,
} from '../errors/message-validation-error.js';
import { Message } from '../message/message.js';
import { inspectPostmarkJson } from '../message/read-json.js';
import { DEFAULT_LIMITS } from '../postmark/limits.js';
import { toPostmarkPath } from '../serialize/paths.js';

/** One message of a file: built, or the problems that stopped it. */
export interface LoadedMessage {
  readonly index: number;
  readonly message?: Message;
  readonly issues: readonly ValidationIssue[];
  /** The JSON the message was read from (JSON and JSON Lines files), kept as it was given. */
  readonly source?: unknown;
}

export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

/**
 * Reads every message of a file: JSON holding one Postmark message, an array of them or
 * `{ "Messages": [...] }`; JSON Lines (`.jsonl`, `.ndjson`); or an ES module whose exports
 * (default or named) are Messages or arrays of them. A file that parses yields one entry per
 * message, each with its problems; a file that cannot be read at all throws.
 */
export async function loadMessages(
  file: string,
  defaults?: Message,
  options: { readonly validate?: boolean } = {},
): Promise<LoadedMessage[]> {
  const validate = options.validate ?? true;
  const path = resolve(file);
  const extension = extname(path).toLowerCase();
  if (['.js', '.mjs', '.cjs'].includes(extension)) return fromModule(path, defaults);
  const read = (json: unknown, index: number) =>
    validate ? fromJson(json, index, defaults) : asDefaults(json, index);
  let text: string;
  try {
    // A byte order mark (written by some editors) is not part of the JSON.
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UnreadableFileError(`cannot read ${file}: ${readProblem(error)}`);
  }
  if (extension === '.jsonl' || extension === '.ndjson') {
    const lines = text.split('\n');
    const loaded = lines.flatMap((line, i) => (line.trim() ? [fromJsonText(line, i, read)] : []));
    return loaded.length > 0 ? loaded : [noMessages('the file holds no messages')];
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [
      {
        index: 0,
        issues: [
          { path: '', code: 'json.parse', message: `not valid JSON: ${(error as Error).message}` },
        ],
      },
    ];
  }
  const list = Array.isArray(json) ? json : isMessagesEnvelope(json) ? json.Messages : [json];
  // `[]` is a mistake worth a word, as a module that exports no message is.
  if (list.length === 0) return [noMessages('the file holds no messages')];
  return list.map((item, index) => read(item, index));
}

/** Reads the default message of `--defaults`, a JSON file of one (possibly partial) message. */
export async function loadDefaults(file: string): Promise<Message> {
  const [loaded] = await loadMessages(file, undefined, { validate: false });
  if (!loaded?.message) {
    const problems = (loaded?.issues ?? []).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new UnreadableFileError(`the defaults in ${file} are not a message: ${problems}`);
  }
  return loaded.message;
}

/** The code of the one issue of a file that holds no messages at all. */
export const NO_MESSAGES = 'file.noMessages';

function noMessages(message: string): LoadedMessage {
  return { index: 0, issues: [{ path: '', code: NO_MESSAGES, message }] };
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder; give a file (validate also takes folders)';
  return (error as Error).message;
}

function isMessagesEnvelope(json: unknown): json is { Messages: unknown[] } {
  return (
    typeof json === 'object' &&
    json !== null &&
    Array.isArray((json as { Messages?: unknown }).Messages)
  );
}

function fromJsonText(
  line: string,
  index: number,
  read: (json: unknown, index: number) => LoadedMessage,
): LoadedMessage {
  try {
    return read(JSON.parse(line), index);
  } catch (error) {
    return {
      index,
      issues: [
        {
          path: '',
          code: 'json.parse',
          message: `line ${index + 1} is not valid JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
}

// Every problem at once: those of reading the JSON and those validate() finds in the rest.
function fromJson(json: unknown, index: number, defaults?: Message): LoadedMessage {
  const { issues } = inspectPostmarkJson(json, DEFAULT_LIMITS, defaults?.data);
  if (issues.length > 0) return { index, issues, source: json };
  return { index, message: Message.fromJSON(json).withDefaults(defaults), issues, source: json };
}

// A default message is partial by nature: it is read, not validated.
function asDefaults(json: unknown, index: number): LoadedMessage {
  try {
    return { index, message: Message.fromJSON(json), issues: [] };
  } catch (error) {
    if (isMessageValidationError(error)) return { index, issues: error.issues };
    throw error;
  }
}

async function fromModule(path: string, defaults?: Message): Promise<LoadedMessage[]> {
  let exports: Record<string, unknown>;
  try {
    exports = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new UnreadableFileError(`cannot load ${path}: ${(error as Error).message}`);
  }
  const values = Object.values(exports).flatMap((value) =>
    Array.isArray(value) ? value : [value],
  );
  const messages = values.filter((value) => Message.isMessage(value));
  if (messages.length === 0) return [noMessages('the module exports no Message values')];
  return messages.map((message, index) => check(message, index, defaults));
}

function check(message: Message, index: number, defaults?: Message): LoadedMessage {
  const merged = message.withDefaults(defaults);
  const result = merged.validate();
  const issues = result.ok
    ? []
    : result.issues.map((i) => ({ ...i, path: toPostmarkPath(i.path) }));
  return { index, message: merged, issues };
}
