import { invalid } from '../errors/message-validation-error.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { baseName, readFileBytes } from '../platform/files.js';
import { contentTypeFor } from '../platform/mime.js';
import { hasLineBreak } from './line-break.js';
import type { Attachment, AttachmentContent, AttachmentInput } from './types.js';

const FALLBACK_TYPE = 'application/octet-stream';
// type/subtype with RFC 2045 token characters, optionally followed by parameters.
const MIME_TYPE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+(\s*;.*)?$/;
const textEncoder = new TextEncoder();

/** Checks and normalises one attachment; `path` names it in errors (`attachments[2]`). */
export function makeAttachment(input: AttachmentInput, path: string): Attachment {
  if (typeof input !== 'object' || input === null) {
    throw invalid(path, 'attachment.type', 'an attachment must be { name, content, contentType? }');
  }
  const name = checkName(input.name, path);
  const contentType = input.contentType ?? contentTypeFor(name) ?? FALLBACK_TYPE;
  if (!MIME_TYPE.test(contentType)) {
    throw invalid(
      `${path}.contentType`,
      'attachment.contentType',
      `"${contentType}" is not a MIME type such as "text/plain"`,
    );
  }
  const attachment: { -readonly [K in keyof Attachment]: Attachment[K] } = {
    name,
    content: toBytes(input.content, path),
    contentType,
  };
  if (input.contentId !== undefined) attachment.contentId = input.contentId;
  return Object.freeze(attachment);
}

/** Reads a file into an attachment named after it; the type comes from the file name. */
export function readAttachmentFile(
  filePath: string,
  options: Partial<Omit<AttachmentInput, 'content'>>,
  path: string,
): Attachment {
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
  return makeAttachment({ ...options, name: options.name ?? baseName(filePath), content }, path);
}

const FORBIDDEN_EXTENSIONS: ReadonlySet<string> = new Set(DEFAULT_LIMITS.forbiddenExtensions);

// `path` names the attachment; the field's own path is spelled out only for an error.
function checkName(name: unknown, path: string): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw invalid(`${path}.name`, 'attachment.name', 'an attachment needs a file name');
  }
  if (hasLineBreak(name))
    throw invalid(`${path}.name`, 'attachment.name', 'a file name must not contain line breaks');
  const extension = extensionOf(name);
  if (extension && FORBIDDEN_EXTENSIONS.has(extension)) {
    throw invalid(
      `${path}.name`,
      'attachment.forbiddenExtension',
      `Postmark refuses ".${extension}" attachments ("${name}")`,
    );
  }
  return name;
}

/** The last extension, lower-cased: `x.tar.EXE` → `exe`; none for `README` or `.env`. */
function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}

function toBytes(content: AttachmentContent, path: string): Uint8Array {
  if (content instanceof Uint8Array) return content;
  if (content instanceof ArrayBuffer) return new Uint8Array(content);
  if (typeof content === 'string') return textEncoder.encode(content);
  if (ArrayBuffer.isView(content)) {
    const view = content as ArrayBufferView;
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  }
  throw invalid(
    `${path}.content`,
    'attachment.content',
    'content must be a Uint8Array, an ArrayBuffer or a string',
  );
}
