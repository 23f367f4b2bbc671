// SM3 (GB/T 32905-2016) in TypeScript for short messages on hot paths (aggregation loads: a blind index
// and a row fingerprint per record). For 20–200-byte inputs OpenSSL's per-call overhead (a new Hash or
// Hmac object, string conversion) costs more than the compressions, so keyed functions absorb their
// key once and each call runs only its own blocks in preallocated scratch; per call only the 32-byte
// result (and encodeInto's small result object) is allocated. `sm3.ts` (OpenSSL) stays the general
// implementation; results are byte-identical (sm3-fast.test.ts checks against node:crypto).
import { Buffer } from 'node:buffer';

/** A hash of some fixed prefix ‖ msg: strings are UTF-8 (lone surrogates as U+FFFD, like Buffer.from). */
export type Sm3Fn = (msg: string | Uint8Array) => Buffer;

const IV = Int32Array.of(
  0x7380166f,
  0x4914b2b9,
  0x172442d7,
  0xda8a0600 | 0,
  0xa96f30bc | 0,
  0x163138aa,
  0xe38dee4d | 0,
  0xb0fb0e4e | 0,
);

// T_j <<< (j mod 32), precomputed per round.
const T = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const s = j % 32;
  T[j] = s === 0 ? t : (t << s) | (t >>> (32 - s));
}

// Module scratch, shared by every keyed function: calls are synchronous and never re-entered, and each
// call starts by copying its own saved state into H.
const W = new Int32Array(68);
const H = new Int32Array(8);
// Grown on demand up to SCRATCH_MAX; a longer message gets a buffer of its own for that call, so one
// large input does not pin megabytes for the life of the process.
const SCRATCH_MAX = 1 << 16;
let buf = new Uint8Array(4096);
let view = new DataView(buf.buffer);

/** One compression of the block already in W[0..15] into `s`. */
function compressW(s: Int32Array): void {
  const w = W;
  // Message expansion W[16..67], unrolled: with constant indices V8 keeps the fresh words in registers
  // (a loop measured ~20% slower per block). x = W[j-16] ^ W[j-9] ^ (W[j-3] <<< 15), then
  // W[j] = P1(x) ^ (W[j-13] <<< 7) ^ W[j-6] with P1(x) = x ^ (x <<< 15) ^ (x <<< 23).
  let x = 0;
  x = w[0] ^ w[7] ^ ((w[13] << 15) | (w[13] >>> 17));
  w[16] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[3] << 7) | (w[3] >>> 25)) ^ w[10];
  x = w[1] ^ w[8] ^ ((w[14] << 15) | (w[14] >>> 17));
  w[17] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[4] << 7) | (w[4] >>> 25)) ^ w[11];
  x = w[2] ^ w[9] ^ ((w[15] << 15) | (w[15] >>> 17));
  w[18] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[5] << 7) | (w[5] >>> 25)) ^ w[12];
  x = w[3] ^ w[10] ^ ((w[16] << 15) | (w[16] >>> 17));
  w[19] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[6] << 7) | (w[6] >>> 25)) ^ w[13];
  x = w[4] ^ w[11] ^ ((w[17] << 15) | (w[17] >>> 17));
  w[20] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[7] << 7) | (w[7] >>> 25)) ^ w[14];
  x = w[5] ^ w[12] ^ ((w[18] << 15) | (w[18] >>> 17));
  w[21] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[8] << 7) | (w[8] >>> 25)) ^ w[15];
  x = w[6] ^ w[13] ^ ((w[19] << 15) | (w[19] >>> 17));
  w[22] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[9] << 7) | (w[9] >>> 25)) ^ w[16];
  x = w[7] ^ w[14] ^ ((w[20] << 15) | (w[20] >>> 17));
  w[23] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[10] << 7) | (w[10] >>> 25)) ^ w[17];
  x = w[8] ^ w[15] ^ ((w[21] << 15) | (w[21] >>> 17));
  w[24] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[11] << 7) | (w[11] >>> 25)) ^ w[18];
  x = w[9] ^ w[16] ^ ((w[22] << 15) | (w[22] >>> 17));
  w[25] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[12] << 7) | (w[12] >>> 25)) ^ w[19];
  x = w[10] ^ w[17] ^ ((w[23] << 15) | (w[23] >>> 17));
  w[26] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[13] << 7) | (w[13] >>> 25)) ^ w[20];
  x = w[11] ^ w[18] ^ ((w[24] << 15) | (w[24] >>> 17));
  w[27] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[14] << 7) | (w[14] >>> 25)) ^ w[21];
  x = w[12] ^ w[19] ^ ((w[25] << 15) | (w[25] >>> 17));
  w[28] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[15] << 7) | (w[15] >>> 25)) ^ w[22];
  x = w[13] ^ w[20] ^ ((w[26] << 15) | (w[26] >>> 17));
  w[29] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[16] << 7) | (w[16] >>> 25)) ^ w[23];
  x = w[14] ^ w[21] ^ ((w[27] << 15) | (w[27] >>> 17));
  w[30] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[17] << 7) | (w[17] >>> 25)) ^ w[24];
  x = w[15] ^ w[22] ^ ((w[28] << 15) | (w[28] >>> 17));
  w[31] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[18] << 7) | (w[18] >>> 25)) ^ w[25];
  x = w[16] ^ w[23] ^ ((w[29] << 15) | (w[29] >>> 17));
  w[32] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[19] << 7) | (w[19] >>> 25)) ^ w[26];
  x = w[17] ^ w[24] ^ ((w[30] << 15) | (w[30] >>> 17));
  w[33] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[20] << 7) | (w[20] >>> 25)) ^ w[27];
  x = w[18] ^ w[25] ^ ((w[31] << 15) | (w[31] >>> 17));
  w[34] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[21] << 7) | (w[21] >>> 25)) ^ w[28];
  x = w[19] ^ w[26] ^ ((w[32] << 15) | (w[32] >>> 17));
  w[35] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[22] << 7) | (w[22] >>> 25)) ^ w[29];
  x = w[20] ^ w[27] ^ ((w[33] << 15) | (w[33] >>> 17));
  w[36] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[23] << 7) | (w[23] >>> 25)) ^ w[30];
  x = w[21] ^ w[28] ^ ((w[34] << 15) | (w[34] >>> 17));
  w[37] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[24] << 7) | (w[24] >>> 25)) ^ w[31];
  x = w[22] ^ w[29] ^ ((w[35] << 15) | (w[35] >>> 17));
  w[38] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[25] << 7) | (w[25] >>> 25)) ^ w[32];
  x = w[23] ^ w[30] ^ ((w[36] << 15) | (w[36] >>> 17));
  w[39] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[26] << 7) | (w[26] >>> 25)) ^ w[33];
  x = w[24] ^ w[31] ^ ((w[37] << 15) | (w[37] >>> 17));
  w[40] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[27] << 7) | (w[27] >>> 25)) ^ w[34];
  x = w[25] ^ w[32] ^ ((w[38] << 15) | (w[38] >>> 17));
  w[41] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[28] << 7) | (w[28] >>> 25)) ^ w[35];
  x = w[26] ^ w[33] ^ ((w[39] << 15) | (w[39] >>> 17));
  w[42] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[29] << 7) | (w[29] >>> 25)) ^ w[36];
  x = w[27] ^ w[34] ^ ((w[40] << 15) | (w[40] >>> 17));
  w[43] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[30] << 7) | (w[30] >>> 25)) ^ w[37];
  x = w[28] ^ w[35] ^ ((w[41] << 15) | (w[41] >>> 17));
  w[44] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[31] << 7) | (w[31] >>> 25)) ^ w[38];
  x = w[29] ^ w[36] ^ ((w[42] << 15) | (w[42] >>> 17));
  w[45] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[32] << 7) | (w[32] >>> 25)) ^ w[39];
  x = w[30] ^ w[37] ^ ((w[43] << 15) | (w[43] >>> 17));
  w[46] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[33] << 7) | (w[33] >>> 25)) ^ w[40];
  x = w[31] ^ w[38] ^ ((w[44] << 15) | (w[44] >>> 17));
  w[47] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[34] << 7) | (w[34] >>> 25)) ^ w[41];
  x = w[32] ^ w[39] ^ ((w[45] << 15) | (w[45] >>> 17));
  w[48] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[35] << 7) | (w[35] >>> 25)) ^ w[42];
  x = w[33] ^ w[40] ^ ((w[46] << 15) | (w[46] >>> 17));
  w[49] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[36] << 7) | (w[36] >>> 25)) ^ w[43];
  x = w[34] ^ w[41] ^ ((w[47] << 15) | (w[47] >>> 17));
  w[50] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[37] << 7) | (w[37] >>> 25)) ^ w[44];
  x = w[35] ^ w[42] ^ ((w[48] << 15) | (w[48] >>> 17));
  w[51] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[38] << 7) | (w[38] >>> 25)) ^ w[45];
  x = w[36] ^ w[43] ^ ((w[49] << 15) | (w[49] >>> 17));
  w[52] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[39] << 7) | (w[39] >>> 25)) ^ w[46];
  x = w[37] ^ w[44] ^ ((w[50] << 15) | (w[50] >>> 17));
  w[53] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[40] << 7) | (w[40] >>> 25)) ^ w[47];
  x = w[38] ^ w[45] ^ ((w[51] << 15) | (w[51] >>> 17));
  w[54] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[41] << 7) | (w[41] >>> 25)) ^ w[48];
  x = w[39] ^ w[46] ^ ((w[52] << 15) | (w[52] >>> 17));
  w[55] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[42] << 7) | (w[42] >>> 25)) ^ w[49];
  x = w[40] ^ w[47] ^ ((w[53] << 15) | (w[53] >>> 17));
  w[56] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[43] << 7) | (w[43] >>> 25)) ^ w[50];
  x = w[41] ^ w[48] ^ ((w[54] << 15) | (w[54] >>> 17));
  w[57] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[44] << 7) | (w[44] >>> 25)) ^ w[51];
  x = w[42] ^ w[49] ^ ((w[55] << 15) | (w[55] >>> 17));
  w[58] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[45] << 7) | (w[45] >>> 25)) ^ w[52];
  x = w[43] ^ w[50] ^ ((w[56] << 15) | (w[56] >>> 17));
  w[59] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[46] << 7) | (w[46] >>> 25)) ^ w[53];
  x = w[44] ^ w[51] ^ ((w[57] << 15) | (w[57] >>> 17));
  w[60] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[47] << 7) | (w[47] >>> 25)) ^ w[54];
  x = w[45] ^ w[52] ^ ((w[58] << 15) | (w[58] >>> 17));
  w[61] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[48] << 7) | (w[48] >>> 25)) ^ w[55];
  x = w[46] ^ w[53] ^ ((w[59] << 15) | (w[59] >>> 17));
  w[62] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[49] << 7) | (w[49] >>> 25)) ^ w[56];
  x = w[47] ^ w[54] ^ ((w[60] << 15) | (w[60] >>> 17));
  w[63] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[50] << 7) | (w[50] >>> 25)) ^ w[57];
  x = w[48] ^ w[55] ^ ((w[61] << 15) | (w[61] >>> 17));
  w[64] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[51] << 7) | (w[51] >>> 25)) ^ w[58];
  x = w[49] ^ w[56] ^ ((w[62] << 15) | (w[62] >>> 17));
  w[65] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[52] << 7) | (w[52] >>> 25)) ^ w[59];
  x = w[50] ^ w[57] ^ ((w[63] << 15) | (w[63] >>> 17));
  w[66] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[53] << 7) | (w[53] >>> 25)) ^ w[60];
  x = w[51] ^ w[58] ^ ((w[64] << 15) | (w[64] >>> 17));
  w[67] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((w[54] << 7) | (w[54] >>> 25)) ^ w[61];
  let a = s[0];
  let b = s[1];
  let c = s[2];
  let d = s[3];
  let e = s[4];
  let f = s[5];
  let g = s[6];
  let h = s[7];
  // Rounds 0–15 and 16–63 differ only in FF/GG; W'[j] = W[j] ^ W[j+4] is formed in place.
  for (let j = 0; j < 16; j++) {
    const a12 = (a << 12) | (a >>> 20);
    const t = (a12 + e + T[j]) | 0;
    const ss1 = (t << 7) | (t >>> 25);
    const wj = w[j];
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (wj ^ w[j + 4])) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + wj) | 0;
    d = c;
    c = (b << 9) | (b >>> 23);
    b = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  for (let j = 16; j < 64; j++) {
    const a12 = (a << 12) | (a >>> 20);
    const t = (a12 + e + T[j]) | 0;
    const ss1 = (t << 7) | (t >>> 25);
    const wj = w[j];
    const tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (wj ^ w[j + 4])) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + wj) | 0;
    d = c;
    c = (b << 9) | (b >>> 23);
    b = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  s[0] ^= a;
  s[1] ^= b;
  s[2] ^= c;
  s[3] ^= d;
  s[4] ^= e;
  s[5] ^= f;
  s[6] ^= g;
  s[7] ^= h;
}

/** Compresses the 64-byte block of `bytes` at `off` into `s`. */
function compressAt(s: Int32Array, bytes: DataView, off: number): void {
  for (let j = 0; j < 16; j++, off += 4) W[j] = bytes.getInt32(off);
  compressW(s);
}

// Messages are laid out from MSG on, so TextEncoder.encodeInto can write into one fixed view; a
// prefix tail of p bytes goes just before, and the blocks start at MSG - p.
const MSG = 64;
const encoder = new TextEncoder();
let tail = buf.subarray(MSG);

/**
 * Hashes pend ‖ msg, continuing from `init` after `done` bytes (a multiple of 64); the digest is left
 * in H. Message and padding are laid out in `buf`, then compressed block by block.
 */
function run(init: Int32Array, done: number, pend: Uint8Array, msg: string | Uint8Array): void {
  const p = pend.length;
  // Room for the message (UTF-8 takes at most 3 bytes per UTF-16 unit) and 72 bytes of padding.
  const room = MSG + (typeof msg === 'string' ? msg.length * 3 : msg.length) + 72;
  let b = buf;
  let v = view;
  let t = tail;
  if (b.length < room) {
    b = new Uint8Array(room <= SCRATCH_MAX ? Math.min(SCRATCH_MAX, Math.max(room, b.length * 2)) : room);
    v = new DataView(b.buffer);
    t = b.subarray(MSG);
    if (b.length <= SCRATCH_MAX) {
      buf = b;
      view = v;
      tail = t;
    }
  }
  let n = MSG;
  if (typeof msg === 'string') n += encoder.encodeInto(msg, t).written;
  else {
    b.set(msg, MSG);
    n += msg.length;
  }
  const start = MSG - p;
  for (let i = 0; i < p; i++) b[start + i] = pend[i];
  for (let i = 0; i < 8; i++) H[i] = init[i];
  const bits = (done + n - start) * 8;
  b[n] = 0x80;
  const end = start + ((n - start + 72) & ~63); // + 0x80 + 8-byte length, rounded up to whole blocks
  for (let i = n + 1; i < end - 8; i++) b[i] = 0;
  const hi = Math.floor(bits / 0x100000000);
  const lo = bits >>> 0;
  b[end - 8] = hi >>> 24;
  b[end - 7] = hi >>> 16;
  b[end - 6] = hi >>> 8;
  b[end - 5] = hi;
  b[end - 4] = lo >>> 24;
  b[end - 3] = lo >>> 16;
  b[end - 2] = lo >>> 8;
  b[end - 1] = lo;
  for (let off = start; off < end; off += 64) compressAt(H, v, off);
}

function digestOf(s: Int32Array): Buffer {
  const out = Buffer.allocUnsafe(32);
  for (let i = 0, o = 0; i < 8; i++, o += 4) {
    const v = s[i];
    out[o] = v >>> 24;
    out[o + 1] = v >>> 16;
    out[o + 2] = v >>> 8;
    out[o + 3] = v;
  }
  return out;
}

const EMPTY = new Uint8Array(0);

/** SM3 of prefix ‖ msg; the prefix's whole blocks are compressed once, its tail kept to prepend. */
export function sm3Prefixed(prefix: Uint8Array): Sm3Fn {
  const whole = prefix.length & ~63;
  const state = Int32Array.from(IV);
  const pv = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  for (let off = 0; off < whole; off += 64) compressAt(state, pv, off);
  // A copy (Buffer#slice would be a view): a caller reusing its buffer must not change the hash.
  const pend = new Uint8Array(prefix.subarray(whole));
  return (msg) => {
    run(state, whole, pend, msg);
    return digestOf(H);
  };
}

const plain = sm3Prefixed(EMPTY);

/** SM3 digest (32 bytes), same as `sm3` of sm3.ts. */
export const sm3Fast: Sm3Fn = (msg) => plain(msg);

/**
 * HMAC-SM3 under a fixed key (RFC 2104; keys over the 64-byte block are hashed first). The ipad and
 * opad states are computed once, so a short message costs its own blocks plus one outer compression.
 */
export function hmacSm3Keyed(key: Uint8Array): Sm3Fn {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? plain(key) : key);
  const inner = Int32Array.from(IV);
  const outer = Int32Array.from(IV);
  for (let i = 0; i < 64; i++) k[i] ^= 0x36;
  const kv = new DataView(k.buffer);
  compressAt(inner, kv, 0);
  for (let i = 0; i < 64; i++) k[i] ^= 0x36 ^ 0x5c;
  compressAt(outer, kv, 0);
  k.fill(0);
  return (msg) => {
    run(inner, 64, EMPTY, msg);
    // Outer block: the inner digest, 0x80, zeros, length 64 + 32 bytes = 768 bits.
    for (let i = 0; i < 8; i++) {
      W[i] = H[i];
      H[i] = outer[i];
    }
    W[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) W[i] = 0;
    W[15] = 768;
    compressW(H);
    return digestOf(H);
  };
}
