/**
 * Sharing: the contract travels in the URL fragment (`#c=…`), deflated and base64url-encoded, so it
 * never reaches a server. Reading it back only yields text for the editor: nothing in the fragment
 * is executed, and a damaged or oversized fragment is refused with a message.
 */
import { LIMITS } from '../../src/syntax/limits.js';

const PREFIX = 'c=';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The URL fragment for a contract.
 * @example await encodeFragment('clock r { starts filed stops first_reply }') // 'c=S87JT…'
 */
export async function encodeFragment(text: string): Promise<string> {
  return PREFIX + toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

/** The contract in a fragment (`#c=…` or `c=…`); undefined when the fragment holds none. Throws when it is damaged. */
export async function decodeFragment(fragment: string): Promise<string | undefined> {
  const body = fragment.replace(/^#/, '');
  if (!body.startsWith(PREFIX)) return undefined;
  const bytes = await pipe(fromBase64Url(body.slice(PREFIX.length)), new DecompressionStream('deflate-raw'), LIMITS.maxFileBytes);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
