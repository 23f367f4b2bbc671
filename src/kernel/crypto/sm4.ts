// SM4 block cipher (GB/T 32907-2016) in CBC mode with PKCS#7 padding, via Node's OpenSSL 3.
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { type BytesLike, requireBytes, toBuffer } from './bytes.ts';

export const SM4_KEY_BYTES = 16;
export const SM4_BLOCK_BYTES = 16;

/** Raw single-block SM4 encryption (ECB, no padding). Internal building block for GCM; not exported publicly. */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  const k = requireBytes('SM4 key', key, SM4_KEY_BYTES);
  const b = requireBytes('SM4 block', block, SM4_BLOCK_BYTES);
  const cipher = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(b), cipher.final()]);
}

/** SM4-CBC encryption with PKCS#7 padding. The IV must be unpredictable (random) for every message. */
export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: BytesLike): Buffer {
  const cipher = createCipheriv(
    'sm4-cbc',
    requireBytes('SM4 key', key, SM4_KEY_BYTES),
    requireBytes('SM4-CBC IV', iv, SM4_BLOCK_BYTES),
  );
  return Buffer.concat([cipher.update(toBuffer(plaintext)), cipher.final()]);
}

/**
 * SM4-CBC decryption, removing PKCS#7 padding. Throws on bad padding. CBC is not authenticated:
 * pair it with HMAC-SM3 (encrypt-then-MAC) or prefer SM4-GCM, otherwise padding errors become an oracle.
 */
export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer {
  const decipher = createDecipheriv(
    'sm4-cbc',
    requireBytes('SM4 key', key, SM4_KEY_BYTES),
    requireBytes('SM4-CBC IV', iv, SM4_BLOCK_BYTES),
  );
  return Buffer.concat([decipher.update(toBuffer(ciphertext)), decipher.final()]);
}
