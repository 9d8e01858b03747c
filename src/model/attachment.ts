import { invalid } from '../errors/message-validation-error.js';
import { baseName, readFileBytes } from '../platform/files.js';
import { contentTypeFor } from '../platform/mime.js';
import {
  attachmentNameProblem,
  FALLBACK_CONTENT_TYPE,
  isMimeType,
} from '../postmark/attachment.js';
import { ownValue } from '../utils/own.js';
import { suggest } from '../utils/read-options.js';
import type { Attachment, AttachmentInput } from './types.js';

const textEncoder = new TextEncoder();

/**
 * Checks and normalises one attachment; `path` names it in errors (`attachments[2]`). Only
 * its shape is checked here; the rules that depend on the limits in force (a forbidden
 * extension) and the ContentID's form are `validate()`'s.
 */
export function makeAttachment(input: AttachmentInput, path: string): Attachment {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid(path, 'attachment.type', 'an attachment must be { name, content, contentType? }');
  }
  refuseUnknownKeys(input, ATTACHMENT_KEYS, path);
  const name = checkName(ownValue(input, 'name'), path);
  const given = ownValue(input, 'contentType');
  if (given !== undefined && typeof given !== 'string') {
    throw invalid(
      `${path}.contentType`,
      'attachment.contentType',
      'a content type must be a string',
    );
  }
  const contentType = given ?? contentTypeFor(name) ?? FALLBACK_CONTENT_TYPE;
  if (!isMimeType(contentType)) {
    throw invalid(
      `${path}.contentType`,
      'attachment.contentType',
      `${JSON.stringify(contentType)} is not a MIME type such as "text/plain"`,
    );
  }
  const contentId = ownValue(input, 'contentId');
  if (contentId !== undefined && typeof contentId !== 'string') {
    throw invalid(`${path}.contentId`, 'attachment.contentId', 'a ContentID must be a string');
  }
  const attachment: { -readonly [K in keyof Attachment]: Attachment[K] } = {
    name,
    content: toBytes(ownValue(input, 'content'), path),
    contentType,
  };
  if (contentId !== undefined) attachment.contentId = contentId;
  return Object.freeze(attachment);
}

/** Reads a file into an attachment named after it; the type comes from the file name. */
export function readAttachmentFile(
  filePath: string,
  options: Partial<Omit<AttachmentInput, 'content'>>,
  path: string,
): Attachment {
  if (typeof filePath !== 'string' || filePath === '') {
    throw invalid(path, 'attachment.file', 'attachFile() needs the path of a file');
  }
  if (typeof options !== 'object' || options === null) {
    throw invalid(path, 'attachment.type', 'the options of attachFile() must be an object');
  }
  refuseUnknownKeys(options, FILE_OPTION_KEYS, path);
  let content: Uint8Array | undefined;
  try {
    content = readFileBytes(filePath);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : String((error as Error).message ?? error);
    throw invalid(path, 'attachment.file', `cannot read "${filePath}": ${reason}`);
  }
  if (content === undefined) {
    throw invalid(
      path,
      'attachment.noFileSystem',
      'attachFile() needs a file system; on this runtime pass the bytes to attach()',
    );
  }
  return makeAttachment(
    {
      name: ownValue(options, 'name') ?? baseName(filePath),
      content,
      contentType: ownValue(options, 'contentType'),
      contentId: ownValue(options, 'contentId'),
    },
    path,
  );
}

const ATTACHMENT_KEYS = ['name', 'content', 'contentType', 'contentId'] as const;
const FILE_OPTION_KEYS = ['name', 'contentType', 'contentId'] as const;

// As Message.create() refuses a field it does not know: `contentTyp` would else be dropped
// and the type inferred from the name, without a word.
function refuseUnknownKeys(input: object, known: readonly string[], path: string): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) {
      throw invalid(
        `${path}.${key}`,
        'attachment.unknownField',
        `"${key}" is not an attachment field${suggest(key, known)}; the fields are ${known.join(', ')}`,
      );
    }
  }
}

function checkName(name: unknown, path: string): string {
  if (typeof name !== 'string') {
    throw invalid(`${path}.name`, 'attachment.name', 'an attachment needs a file name (a string)');
  }
  const problem = attachmentNameProblem(name);
  if (problem) throw invalid(`${path}.name`, 'attachment.name', problem);
  return name;
}

function toBytes(content: unknown, path: string): Uint8Array {
  if (content instanceof Uint8Array) return content;
  if (content instanceof ArrayBuffer) return new Uint8Array(content);
  if (typeof content === 'string') return textEncoder.encode(content);
  if (ArrayBuffer.isView(content)) {
    return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  }
  throw invalid(
    `${path}.content`,
    'attachment.content',
    'content must be a Uint8Array, an ArrayBuffer or a string',
  );
}
