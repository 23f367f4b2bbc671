// SM3 (GB/T 32905-2016) and HMAC-SM3 (RFC 2104 construction, GM/T 0042-2015), via Node's OpenSSL 3.
import { Buffer } from 'node:buffer';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type BytesLike, toBuffer } from './bytes.ts';

/** SM3 digest (32 bytes). */
export function sm3(data: BytesLike): Buffer {
  return createHash('sm3').update(toBuffer(data)).digest();
}

/** SM3 digest as 64 lowercase hex characters. */
export function sm3Hex(data: BytesLike): string {
  return createHash('sm3').update(toBuffer(data)).digest('hex');
}

/** HMAC-SM3 (32 bytes). Keys longer than the 64-byte block are hashed first, as RFC 2104 requires. */
export function hmacSm3(key: BytesLike, data: BytesLike): Buffer {
  return createHmac('sm3', toBuffer(key)).update(toBuffer(data)).digest();
}

/**
 * Constant-time check of an HMAC-SM3 tag. Returns false (never throws) for a tag of the wrong length;
 * length is not secret, so that early exit leaks nothing useful.
 */
export function hmacSm3Verify(key: BytesLike, data: BytesLike, mac: Uint8Array): boolean {
  const expected = hmacSm3(key, data);
  if (!(mac instanceof Uint8Array) || mac.byteLength !== expected.length) return false;
  return timingSafeEqual(expected, Buffer.from(mac.buffer, mac.byteOffset, mac.byteLength));
}
