import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  SM2_DEFAULT_USER_ID,
  sm2Digest,
  sm2GenerateKeyPair,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2SignatureFromDer,
  sm2SignatureToDer,
  sm2Verify,
  sm2Za,
} from './index.ts';
import { SM2_N, sm2SignWithFixedNonceForTest } from './sm2.ts';

// GB/T 32918.5-2017 Annex A (= GM/T 0003.5-2012 Annex A.2): signature example on sm2p256v1 with the
// default ID. d, k, r, s as listed in OpenSSL test/sm2_internal_test.c; the public key, Z_A and e as
// reproduced in other public SM2 test suites (an OpenSSL-fork crypto/sm2/sm2test.c for Z_A and e; Go,
// Delphi and TypeScript SM2 tests for the public key). The standard's PDF itself was not consulted.
const EX = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' +
    '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};
const SIG = EX.r + EX.s;

describe('SM2 signature example (GB/T 32918.5-2017 Annex A / GM/T 0003.5-2012 A.2)', () => {
  it('derives the published public key from the private key', () => {
    expect(sm2PublicKeyFromPrivate(EX.d)).toBe(EX.publicKey);
  });
  it('computes the published Z_A and e = SM3(Z_A || M) with ID 1234567812345678 (GB/T 32918.2 5.5)', () => {
    expect(SM2_DEFAULT_USER_ID).toBe('1234567812345678');
    expect(sm2Za(EX.publicKey).toString('hex')).toBe(EX.za);
    expect(sm2Digest(EX.message, EX.publicKey).toString('hex')).toBe(EX.e);
  });
  it('verifies the published signature (r, s)', () => {
    expect(sm2Verify(EX.message, SIG, EX.publicKey)).toBe(true);
    expect(sm2Verify(EX.message, SIG.toUpperCase(), EX.publicKey.slice(2))).toBe(true);
    expect(sm2Verify(Buffer.from(EX.message), SIG, EX.publicKey, { userId: SM2_DEFAULT_USER_ID })).toBe(true);
  });
  it('reproduces the published (r, s) from the published nonce k', () => {
    expect(sm2SignWithFixedNonceForTest(EX.message, EX.d, EX.k)).toBe(SIG);
  });
  it('rejects the published signature for another message, user ID or altered r/s', () => {
    expect(sm2Verify('message digesT', SIG, EX.publicKey)).toBe(false);
    expect(sm2Verify(EX.message, SIG, EX.publicKey, { userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    expect(sm2Verify(EX.message, `${EX.r.slice(0, 63)}0${EX.s}`, EX.publicKey)).toBe(false);
    expect(sm2Verify(EX.message, `${EX.r}${EX.s.slice(0, 63)}b`, EX.publicKey)).toBe(false);
  });
});

describe('SM2 sign/verify (GB/T 32918.2-2016)', () => {
  const alice = sm2GenerateKeyPair();
  const bob = sm2GenerateKeyPair();

  it('generates well-formed key pairs', () => {
    expect(alice.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(alice.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(sm2PublicKeyFromPrivate(alice.privateKey)).toBe(alice.publicKey);
    expect(alice.privateKey).not.toBe(bob.privateKey);
  });
  it('round-trips and is randomized', () => {
    const msg = '数据共享申请 #2024-0001';
    const a = sm2Sign(msg, alice.privateKey);
    const b = sm2Sign(msg, alice.privateKey);
    expect(a).toMatch(/^[0-9a-f]{128}$/);
    expect(a).not.toBe(b);
    expect(sm2Verify(msg, a, alice.publicKey)).toBe(true);
    expect(sm2Verify(msg, b, alice.publicKey)).toBe(true);
    expect(sm2Verify(Buffer.from(msg, 'utf8'), a, alice.publicKey)).toBe(true);
  });
  it('fails for an altered message, another key, or another user ID', () => {
    const sig = sm2Sign('payload', alice.privateKey, { userId: 'agency-330000' });
    expect(sm2Verify('payload', sig, alice.publicKey, { userId: 'agency-330000' })).toBe(true);
    expect(sm2Verify('payloaD', sig, alice.publicKey, { userId: 'agency-330000' })).toBe(false);
    expect(sm2Verify('payload', sig, bob.publicKey, { userId: 'agency-330000' })).toBe(false);
    expect(sm2Verify('payload', sig, alice.publicKey)).toBe(false);
  });
  it('returns false for malformed or out-of-range signatures (GB/T 32918.2 7.1 B1-B2)', () => {
    const n = SM2_N.toString(16);
    expect(sm2Verify(EX.message, SIG.slice(2), EX.publicKey)).toBe(false);
    expect(sm2Verify(EX.message, `${SIG.slice(2)}zz`, EX.publicKey)).toBe(false);
    expect(sm2Verify(EX.message, '0'.repeat(64) + EX.s, EX.publicKey)).toBe(false);
    expect(sm2Verify(EX.message, EX.r + n, EX.publicKey)).toBe(false);
  });
  it('throws on malformed keys', () => {
    expect(() => sm2Verify('m', SIG, `04${'00'.repeat(64)}`)).toThrow(RangeError);
    expect(() => sm2Verify('m', SIG, 'not-a-key')).toThrow(RangeError);
    expect(() => sm2Sign('m', '00'.repeat(32))).toThrow(RangeError);
    expect(() => sm2Sign('m', (SM2_N - 1n).toString(16))).toThrow(RangeError);
    expect(() => sm2Sign('m', 'xyz')).toThrow(RangeError);
  });
});

describe('SM2 signature DER encoding (GB/T 35276-2017 SEQUENCE of two INTEGERs, X.690 DER)', () => {
  // Both r and s have the top bit set, so each INTEGER needs a 0x00 prefix: 33-byte contents.
  const der = `3046022100${EX.r}022100${EX.s}`;
  it('encodes and decodes the published signature', () => {
    expect(sm2SignatureToDer(SIG).toString('hex')).toBe(der);
    expect(sm2SignatureFromDer(Buffer.from(der, 'hex'))).toBe(SIG);
  });
  it('encodes small integers minimally and round-trips them', () => {
    const small = `${'0'.repeat(63)}1${'0'.repeat(62)}7f`;
    expect(sm2SignatureToDer(small).toString('hex')).toBe('300602010102017f');
    expect(sm2SignatureFromDer(sm2SignatureToDer(small))).toBe(small);
  });
  it('rejects non-DER encodings', () => {
    const bad = [
      `304702220000${EX.r}022100${EX.s}`, // r padded with a redundant 0x00
      `3046022100${EX.r}022100${EX.s}00`, // trailing byte
      `3146022100${EX.r}022100${EX.s}`, // not a SEQUENCE
      `30450220${EX.r}022100${EX.s}`, // r reads as negative (missing 0x00)
      `3046022101${EX.r}022100${EX.s}`, // r wider than 256 bits
      '3006020200010201', // non-minimal small INTEGER
      '3006020181020101', // negative INTEGER
    ];
    for (const b of bad) expect(() => sm2SignatureFromDer(Buffer.from(b, 'hex'))).toThrow(RangeError);
  });
});
