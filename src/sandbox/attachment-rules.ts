import type { Limits } from '../limits.js';
import type { Problem } from './http.js';
import { text } from './json-shape.js';

const MIME_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i;
const CONTENT_ID = /^[\x21-\x7e]+$/;
const invalid = (message: string): Problem => ({ errorCode: 300, message });

/**
 * Attachment rules: a Name, no forbidden extension (ErrorCode 411, ignoring case), a valid
 * ContentType, base64 Content and an ASCII ContentID without spaces (ErrorCode 300).
 */
export function checkAttachments(
  json: Record<string, unknown>,
  limits: Limits,
): Problem | undefined {
  const attachments = (json.Attachments ?? []) as readonly Record<string, unknown>[];
  const forbidden = new Set(limits.forbiddenExtensions.map((extension) => extension.toLowerCase()));
  for (const [index, attachment] of attachments.entries()) {
    const name = text(attachment.Name);
    if (name.trim() === '') return invalid(`Attachments[${index}].Name is required.`);
    const extension = extensionOf(name);
    if (extension !== undefined && forbidden.has(extension)) {
      return { errorCode: 411, message: `Forbidden attachment type: '${name}'.` };
    }
    const contentType = text(attachment.ContentType);
    if (!MIME_TYPE.test(contentType)) {
      return invalid(
        `Attachments[${index}] ('${name}'): '${contentType}' is not a valid ContentType.`,
      );
    }
    if (!isBase64(text(attachment.Content))) {
      return invalid(`Attachments[${index}] ('${name}'): Content must be base64.`);
    }
    const contentId = text(attachment.ContentID);
    if (contentId !== '' && !CONTENT_ID.test(contentId)) {
      return invalid(`Attachments[${index}] ('${name}'): ContentID must be ASCII without spaces.`);
    }
  }
  return undefined;
}

// Trailing dots and spaces are dropped first: Windows ignores them, so `virus.exe.` is an .exe.
function extensionOf(name: string): string | undefined {
  const cleaned = name.trim().replace(/[.\s]+$/, '');
  const dot = cleaned.lastIndexOf('.');
  return dot === -1 ? undefined : cleaned.slice(dot + 1).toLowerCase();
}

// Line breaks are tolerated (MIME encoders wrap base64 at 76 characters); the rest must be
// the base64 alphabet in groups of four, as .NET's decoder (Postmark's) requires.
function isBase64(value: string): boolean {
  const compact = value.replace(/[\r\n\t ]/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}
