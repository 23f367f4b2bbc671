// SM2 digital signatures (GB/T 32918.2-2016) on the recommended curve sm2p256v1 (GB/T 32918.5-2017).
// sm-crypto-v2 supplies the elliptic-curve arithmetic only; the message digest e = SM3(Z_A || M), with
// Z_A from GB/T 32918.2 section 5.5, is computed here with Node's SM3 so that the standard preprocessing
// is explicit and checked against the published Z_A and e of the standard's example.
import { Buffer } from 'node:buffer';
import { sm2 as ec } from 'sm-crypto-v2';
import { type BytesLike, isHex, toBuffer } from './bytes.ts';
import { sm3 } from './sm3.ts';

/** Default user ID from GM/T 0009-2012 section 10, used when the parties agree on no other ID. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Curve order n of sm2p256v1. */
export const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

// a, b, xG, yG of sm2p256v1 (GB/T 32918.5-2017 section 2), fed into Z_A.
const CURVE_PARAMS = Buffer.from(
  'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc' +
    '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93' +
    '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7' +
    'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0',
  'hex',
);

export interface Sm2KeyPair {
  /** 64 hex characters. */
  privateKey: string;
  /** Uncompressed point, 130 hex characters: '04' || x || y. */
  publicKey: string;
}

export interface Sm2Options {
  /** Signer's distinguishing identifier ID_A; strings are UTF-8. Defaults to SM2_DEFAULT_USER_ID. */
  userId?: BytesLike;
}

/** Parses a private key; GB/T 32918.1 requires d in [1, n-2] (1 + d must be invertible mod n). */
function parsePrivateKey(privateKeyHex: string): string {
  if (!isHex(privateKeyHex, 64)) throw new RangeError('SM2 private key must be 64 hex characters');
  const d = BigInt(`0x${privateKeyHex}`);
  if (d < 1n || d > SM2_N - 2n) throw new RangeError('SM2 private key out of range');
  return privateKeyHex.toLowerCase();
}

/** Normalises a public key to '04' || x || y (130 hex), accepting bare x || y; throws if not on the curve. */
export function sm2NormalizePublicKey(publicKeyHex: string): string {
  const hex = isHex(publicKeyHex, 128) ? `04${publicKeyHex}` : publicKeyHex;
  if (!isHex(hex, 130) || !hex.startsWith('04')) {
    throw new RangeError("SM2 public key must be '04' || x || y in hex");
  }
  let valid = false;
  try {
    valid = ec.verifyPublicKey(hex);
  } catch {
    valid = false;
  }
  if (!valid) throw new RangeError('SM2 public key is not a point on sm2p256v1');
  return hex.toLowerCase();
}

export function sm2GenerateKeyPair(): Sm2KeyPair {
  for (;;) {
    // The library draws d from [1, n-1] with the platform CSPRNG; n-1 is not a valid SM2 key.
    const { privateKey, publicKey } = ec.generateKeyPairHex();
    if (BigInt(`0x${privateKey}`) <= SM2_N - 2n) return { privateKey, publicKey };
  }
}

export function sm2PublicKeyFromPrivate(privateKeyHex: string): string {
  return ec.getPublicKeyFromPrivateKey(parsePrivateKey(privateKeyHex));
}

/** Z_A = SM3(ENTL_A || ID_A || a || b || xG || yG || xA || yA), GB/T 32918.2-2016 section 5.5. */
export function sm2Za(publicKeyHex: string, userId: BytesLike = SM2_DEFAULT_USER_ID): Buffer {
  const id = toBuffer(userId);
  // ENTL_A is the ID length in bits as two bytes.
  if (id.length > 0x1fff) throw new RangeError('SM2 user ID longer than 8191 bytes');
  const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]);
  const point = Buffer.from(sm2NormalizePublicKey(publicKeyHex).slice(2), 'hex');
  return sm3(Buffer.concat([entl, id, CURVE_PARAMS, point]));
}

/** The value e = SM3(Z_A || M) that is actually signed (GB/T 32918.2-2016 section 6.1, steps A1-A2). */
export function sm2Digest(message: BytesLike, publicKeyHex: string, userId?: BytesLike): Buffer {
  return sm3(Buffer.concat([sm2Za(publicKeyHex, userId), toBuffer(message)]));
}

/** Signs message (not a pre-hashed digest) and returns r || s as 128 lowercase hex characters. */
export function sm2Sign(message: BytesLike, privateKeyHex: string, opts: Sm2Options = {}): string {
  const d = parsePrivateKey(privateKeyHex);
  const e = sm2Digest(message, ec.getPublicKeyFromPrivateKey(d), opts.userId);
  // hash: false because e already includes Z_A; the library then only does the EC step with a random k.
  return ec.doSignature(e, d, { hash: false, der: false });
}

/**
 * Verifies an r || s signature (128 hex). Returns false for any malformed or non-matching signature;
 * throws RangeError for a malformed public key, which is a configuration error rather than a forgery.
 */
export function sm2Verify(
  message: BytesLike,
  signatureHex: string,
  publicKeyHex: string,
  opts: Sm2Options = {},
): boolean {
  const publicKey = sm2NormalizePublicKey(publicKeyHex);
  if (!isHex(signatureHex, 128)) return false;
  const r = BigInt(`0x${signatureHex.slice(0, 64)}`);
  const s = BigInt(`0x${signatureHex.slice(64)}`);
  // Range checks of GB/T 32918.2 section 7.1 steps B1-B2, which the library does not perform.
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  const e = sm2Digest(message, publicKey, opts.userId);
  return ec.doVerifySignature(e, signatureHex.toLowerCase(), publicKey, { hash: false, der: false });
}

/**
 * Known-answer tests only: signs with a caller-chosen nonce k so the standard's example can be reproduced.
 * Never use outside tests: a repeated or predictable k reveals the private key.
 */
export function sm2SignWithFixedNonceForTest(
  message: BytesLike,
  privateKeyHex: string,
  kHex: string,
  opts: Sm2Options = {},
): string {
  const d = parsePrivateKey(privateKeyHex);
  const e = sm2Digest(message, ec.getPublicKeyFromPrivateKey(d), opts.userId);
  const kG = ec.getPublicKeyFromPrivateKey(parsePrivateKey(kHex));
  const point = { k: BigInt(`0x${kHex}`), x1: BigInt(`0x${kG.slice(2, 66)}`) };
  return ec.doSignature(e, d, { hash: false, der: false, pointPool: [point] });
}
