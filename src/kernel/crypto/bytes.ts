import { Buffer } from 'node:buffer';

/** Data accepted by the hashing/cipher helpers: strings are encoded as UTF-8, bytes are used as-is. */
export type BytesLike = string | Uint8Array;

export function toBuffer(data: BytesLike): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  // A view, not a copy: callers only read from it.
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export function requireBytes(name: string, value: Uint8Array, length: number): Buffer {
  if (!(value instanceof Uint8Array) || value.byteLength !== length) {
    throw new RangeError(`${name} must be ${length} bytes`);
  }
  return toBuffer(value);
}

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

export function isHex(value: unknown, hexChars?: number): value is string {
  return (
    typeof value === 'string' && HEX_RE.test(value) && (hexChars === undefined || value.length === hexChars)
  );
}
