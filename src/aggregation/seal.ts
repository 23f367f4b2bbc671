import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Art. 38: protected values are sealed with SM4 in counter mode, a whole chunk of rows in one pass
// (one cipher call per chunk instead of one per row: ~3 µs a row instead of ~15). Each row starts on
// a block boundary, so its own IV is the chunk's IV plus its first block number, and a row is opened
// alone. Integrity comes from the row fingerprint, a keyed SM3 over all of the row's values, checked
// after opening (records.ts).

const BLOCK = 16;

/** iv + n as 128-bit big-endian numbers (OpenSSL's CTR counts over the whole block). */
function addToCounter(iv: Buffer, n: number): Buffer {
  const out = Buffer.from(iv);
  let carry = n;
  for (let i = BLOCK - 1; i >= 0 && carry > 0; i--) {
    const sum = out[i] + (carry % 256);
    out[i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
  return out;
}

/** Seals each plaintext (null stays null): IV ‖ ciphertext per row. */
export function sealRows(key: Buffer, plains: (Buffer | null)[]): (Buffer | null)[] {
  let blocks = 0;
  const starts = plains.map((p) => {
    const at = blocks;
    if (p) blocks += Math.ceil(p.length / BLOCK) || 1;
    return at;
  });
  const joined = Buffer.alloc(blocks * BLOCK);
  plains.forEach((p, i) => {
    if (p) p.copy(joined, starts[i] * BLOCK);
  });
  const iv = randomBytes(BLOCK);
  const cipher = createCipheriv('sm4-ctr', key, iv);
  const sealed = Buffer.concat([cipher.update(joined), cipher.final()]);
  return plains.map((p, i) => {
    if (!p) return null;
    const from = starts[i] * BLOCK;
    return Buffer.concat([addToCounter(iv, starts[i]), sealed.subarray(from, from + p.length)]);
  });
}

export function openRow(key: Buffer, sealed: Uint8Array): Buffer {
  const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('sm4-ctr', key, b.subarray(0, BLOCK));
  return Buffer.concat([decipher.update(b.subarray(BLOCK)), decipher.final()]);
}

export const _test = { addToCounter };
