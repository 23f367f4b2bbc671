// SM4-GCM (RFC 8998 section 3.1; GCM per NIST SP 800-38D) with a 12-byte IV and a 16-byte tag,
// plus a sealed-box envelope for encryption at rest.
import { Buffer } from 'node:buffer';
import { createCipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { type BytesLike, requireBytes, toBuffer } from './bytes.ts';
import { Ghash } from './ghash.ts';
import { SM4_KEY_BYTES, sm4EncryptBlock } from './sm4.ts';

export const SM4_GCM_IV_BYTES = 12;
export const SM4_GCM_TAG_BYTES = 16;
/** SP 800-38D limit (2^32 - 2 blocks); it also guarantees the 128-bit CTR never carries past inc32. */
const MAX_TEXT_BYTES = (2 ** 32 - 2) * 16;
const ZERO_BLOCK = Buffer.alloc(16);
const EMPTY = Buffer.alloc(0);

/** Thrown when an authentication tag does not match (wrong key, IV, AAD, or tampered data). */
export class AuthenticationError extends Error {
  constructor(message = 'SM4-GCM authentication failed') {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export interface Sm4GcmResult {
  ciphertext: Buffer;
  tag: Buffer;
}

function start(key: Uint8Array, iv: Uint8Array) {
  const k = requireBytes('SM4 key', key, SM4_KEY_BYTES);
  // 96-bit IV: J0 = IV || 0^31 || 1.
  const j0 = Buffer.concat([requireBytes('SM4-GCM IV', iv, SM4_GCM_IV_BYTES), Buffer.from([0, 0, 0, 1])]);
  const ghash = new Ghash(sm4EncryptBlock(k, ZERO_BLOCK));
  const ctr = createCipheriv('sm4-ctr', k, j0);
  // The first keystream block is E(K, J0), the tag mask; data then starts at inc32(J0) as GCM requires.
  const mask = ctr.update(ZERO_BLOCK);
  return { ctr, ghash, mask };
}

function tagOf(ghash: Ghash, mask: Buffer, aad: Buffer, ciphertext: Buffer): Buffer {
  const s = ghash.update(aad).update(ciphertext).lengths(aad.length, ciphertext.length).digest();
  for (let i = 0; i < 16; i++) s[i] ^= mask[i];
  return s;
}

function checkLength(text: Buffer): void {
  if (text.length > MAX_TEXT_BYTES) throw new RangeError('SM4-GCM input too long');
}

/** SM4-GCM encryption. Never reuse an IV with the same key: that breaks both secrecy and authenticity. */
export function sm4GcmEncrypt(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: BytesLike,
  aad: BytesLike = EMPTY,
): Sm4GcmResult {
  const { ctr, ghash, mask } = start(key, iv);
  const p = toBuffer(plaintext);
  checkLength(p);
  const ciphertext = Buffer.concat([ctr.update(p), ctr.final()]);
  return { ciphertext, tag: tagOf(ghash, mask, toBuffer(aad), ciphertext) };
}

/** SM4-GCM decryption. Verifies the tag (constant time) before decrypting; throws AuthenticationError. */
export function sm4GcmDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: BytesLike = EMPTY,
): Buffer {
  const { ctr, ghash, mask } = start(key, iv);
  const c = toBuffer(ciphertext);
  checkLength(c);
  if (!(tag instanceof Uint8Array) || tag.byteLength !== SM4_GCM_TAG_BYTES) throw new AuthenticationError();
  if (!timingSafeEqual(tagOf(ghash, mask, toBuffer(aad), c), toBuffer(tag))) throw new AuthenticationError();
  return Buffer.concat([ctr.update(c), ctr.final()]);
}

/**
 * Encryption at rest: returns IV(12) || ciphertext || tag(16) with a fresh random IV.
 * Random 96-bit IVs are safe for up to 2^32 messages per key (SP 800-38D 8.3); rotate keys before that.
 */
export function sealSm4Gcm(key: Uint8Array, plaintext: BytesLike, aad: BytesLike = EMPTY): Buffer {
  const iv = randomBytes(SM4_GCM_IV_BYTES);
  const { ciphertext, tag } = sm4GcmEncrypt(key, iv, plaintext, aad);
  return Buffer.concat([iv, ciphertext, tag]);
}

/** Opens a box made by sealSm4Gcm; throws AuthenticationError if it was altered or the key/AAD differ. */
export function openSm4Gcm(key: Uint8Array, sealed: Uint8Array, aad: BytesLike = EMPTY): Buffer {
  const box = toBuffer(sealed);
  if (box.length < SM4_GCM_IV_BYTES + SM4_GCM_TAG_BYTES)
    throw new AuthenticationError('sealed box too short');
  const iv = box.subarray(0, SM4_GCM_IV_BYTES);
  const ciphertext = box.subarray(SM4_GCM_IV_BYTES, box.length - SM4_GCM_TAG_BYTES);
  const tag = box.subarray(box.length - SM4_GCM_TAG_BYTES);
  return sm4GcmDecrypt(key, iv, ciphertext, tag, aad);
}
