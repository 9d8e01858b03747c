interface BufferStatic {
  from(
    buffer: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ): { toString(encoding: 'base64'): string };
  from(text: string, encoding: 'base64'): Uint8Array;
}

// Node, Bun and Deno have Buffer, which encodes natively and fast; elsewhere btoa/atob.
const NodeBuffer = (globalThis as { Buffer?: BufferStatic }).Buffer;
const CHUNK = 0x8000;

/** Base64 of bytes, as Postmark's attachment `Content` wants it. */
export function encodeBase64(bytes: Uint8Array): string {
  if (NodeBuffer) {
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Bytes of a base64 string. The caller has already checked the alphabet. */
export function decodeBase64(text: string): Uint8Array {
  if (NodeBuffer) {
    const buffer = NodeBuffer.from(text, 'base64');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Length of the base64 text for `byteLength` bytes, without encoding them. */
export function base64Length(byteLength: number): number {
  return 4 * Math.ceil(byteLength / 3);
}
