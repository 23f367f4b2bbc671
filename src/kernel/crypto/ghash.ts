// GHASH, the GF(2^128) universal hash of GCM (NIST SP 800-38D section 6.4), used for SM4-GCM (RFC 8998).
// Node's OpenSSL build exposes no SM4-GCM, so GCM is assembled from SM4-CTR plus this GHASH.
// Shoup's 4-bit table method on 32-bit words: fast enough for at-rest payloads without BigInt churn.
import { Buffer } from 'node:buffer';

type Block = [number, number, number, number];

/** Multiply by x in GCM's reflected bit order: shift right one bit, reduce by x^128 + x^7 + x^2 + x + 1. */
function mulX([a, b, c, d]: Block): Block {
  const carry = d & 1;
  return [
    (a >>> 1) ^ (carry ? 0xe1000000 : 0),
    ((b >>> 1) | (a << 31)) >>> 0,
    ((c >>> 1) | (b << 31)) >>> 0,
    ((d >>> 1) | (c << 31)) >>> 0,
  ];
}

/** REM[r]: the reduction term (top word only) produced when the low nibble r is shifted out by x^4. */
const REM = Uint32Array.from({ length: 16 }, (_, r) => {
  let v: Block = [0, 0, 0, r];
  for (let i = 0; i < 4; i++) v = mulX(v);
  return v[0];
});

export class Ghash {
  /** table[4n..4n+3] = n·H, where nibble bit 0x8 is the coefficient of x^0 (GCM bit order). */
  private readonly table = new Uint32Array(64);
  private y: Block = [0, 0, 0, 0];
  private readonly scratch = Buffer.alloc(16);

  constructor(h: Uint8Array) {
    const hb = Buffer.from(h.buffer, h.byteOffset, h.byteLength);
    let v: Block = [hb.readUInt32BE(0), hb.readUInt32BE(4), hb.readUInt32BE(8), hb.readUInt32BE(12)];
    for (let bit = 8; bit >= 1; bit >>= 1) {
      this.table.set(v, bit * 4);
      v = mulX(v);
    }
    for (let n = 2; n < 16; n++) {
      const high = 1 << (31 - Math.clz32(n));
      if (n === high) continue;
      for (let w = 0; w < 4; w++)
        this.table[n * 4 + w] = this.table[high * 4 + w] ^ this.table[(n ^ high) * 4 + w];
    }
  }

  /** Absorbs data zero-padded to a 16-byte boundary (GCM pads AAD and ciphertext separately). */
  update(data: Uint8Array): this {
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (let off = 0; off < buf.length; off += 16) {
      let block: Buffer = buf;
      let at = off;
      if (buf.length - off < 16) {
        this.scratch.fill(0);
        buf.copy(this.scratch, 0, off);
        block = this.scratch;
        at = 0;
      }
      const y = this.y;
      y[0] ^= block.readUInt32BE(at);
      y[1] ^= block.readUInt32BE(at + 4);
      y[2] ^= block.readUInt32BE(at + 8);
      y[3] ^= block.readUInt32BE(at + 12);
      this.multiplyH();
    }
    return this;
  }

  /** Final length block: bit lengths of AAD and ciphertext as two 64-bit big-endian integers. */
  lengths(aadBytes: number, ciphertextBytes: number): this {
    const block = Buffer.alloc(16);
    block.writeBigUInt64BE(BigInt(aadBytes) * 8n, 0);
    block.writeBigUInt64BE(BigInt(ciphertextBytes) * 8n, 8);
    return this.update(block);
  }

  digest(): Buffer {
    const out = Buffer.alloc(16);
    this.y.forEach((w, i) => {
      out.writeUInt32BE(w >>> 0, i * 4);
    });
    return out;
  }

  /** y = y·H, Horner over the 32 nibbles from the highest-degree end (low nibble of the last byte). */
  private multiplyH(): void {
    const t = this.table;
    const y = this.y;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    for (let i = 31; i >= 0; i--) {
      // Nibble i counts from the top of the block; odd i is the low nibble of byte i >> 1.
      const nib = (y[i >> 3] >>> (28 - 4 * (i & 7))) & 0xf;
      const rem = z3 & 0xf;
      z3 = ((z3 >>> 4) | (z2 << 28)) ^ t[nib * 4 + 3];
      z2 = ((z2 >>> 4) | (z1 << 28)) ^ t[nib * 4 + 2];
      z1 = ((z1 >>> 4) | (z0 << 28)) ^ t[nib * 4 + 1];
      z0 = (z0 >>> 4) ^ REM[rem] ^ t[nib * 4];
    }
    y[0] = z0 >>> 0;
    y[1] = z1 >>> 0;
    y[2] = z2 >>> 0;
    y[3] = z3 >>> 0;
  }
}
