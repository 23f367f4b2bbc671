import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  hmacSm3,
  hmacSm3Verify,
  openSm4Gcm,
  sealSm4Gcm,
  sm3,
  sm3Hex,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
} from './index.ts';
import { sm4EncryptBlock } from './sm4.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const K = hex('0123456789abcdef fedcba9876543210'); // GB/T 32907 / RFC 8998 example key

describe('SM3 (GB/T 32905-2016 Appendix A; also OpenSSL evpmd_sm3.txt)', () => {
  it('example 1: "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('example 2: "abcd" x 16 (64 bytes)', () => {
    const expected = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
    expect(sm3Hex('abcd'.repeat(16))).toBe(expected);
    expect(sm3(Buffer.from('abcd'.repeat(16))).toString('hex')).toBe(expected);
  });
});

describe('HMAC-SM3 (GM/T 0042-2015 Appendix D.3, via OpenSSL evpmac_sm3.txt; RFC 2104)', () => {
  const cases: [string, string | Buffer, string | Buffer, string][] = [
    [
      '#1 (D.3): 32-byte key',
      hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20'),
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2),
      'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
    ],
    [
      '#2 (D.3, also intel-ipsec-mb KAT): 37-byte key',
      hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425'),
      Buffer.alloc(50, 0xcd),
      '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae',
    ],
    [
      '#3: "Hi There"',
      Buffer.alloc(32, 0x0b),
      'Hi There',
      'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e',
    ],
    [
      '#4: string key',
      'Jefe Jeferson Jr',
      'what do ya want for nothing?',
      'ce791a34c59adef472997a249600f3f244d59e875be04055ba2ae12fc845e78c',
    ],
  ];
  it.each(cases)('%s', (_name, key, data, mac) => {
    expect(hmacSm3(key, data).toString('hex')).toBe(mac);
    expect(hmacSm3Verify(key, data, hex(mac))).toBe(true);
  });
  it('RFC 2104: keys longer than the 64-byte block are replaced by their SM3 digest', () => {
    const longKey = Buffer.alloc(100, 0x5a);
    expect(hmacSm3(longKey, 'msg')).toEqual(hmacSm3(sm3(longKey), 'msg'));
    expect(hmacSm3(Buffer.alloc(64, 0x5a), 'msg')).not.toEqual(hmacSm3(sm3(Buffer.alloc(64, 0x5a)), 'msg'));
  });
  it('verify rejects a wrong tag, a truncated tag, and a different key', () => {
    const mac = hmacSm3('k', 'data');
    const bad = Buffer.from(mac);
    bad[31] ^= 1;
    expect(hmacSm3Verify('k', 'data', bad)).toBe(false);
    expect(hmacSm3Verify('k', 'data', mac.subarray(0, 16))).toBe(false);
    expect(hmacSm3Verify('k2', 'data', mac)).toBe(false);
  });
});

describe('SM4 (GB/T 32907-2016 Appendix A)', () => {
  it('example 1: one block', () => {
    expect(sm4EncryptBlock(K, K).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
  it('example 2: 1,000,000 iterated encryptions', () => {
    // CBC with a zero IV over [P, 0, 0, ...] makes block i equal E^i(P): one call instead of 10^6.
    const input = Buffer.alloc(16 * 1_000_000);
    K.copy(input);
    const out = sm4CbcEncrypt(K, Buffer.alloc(16), input);
    expect(out.subarray(16 * 999_999, 16 * 1_000_000).toString('hex')).toBe(
      '595298c7c6fd271f0402f804c33d3f66',
    );
  });
  it('rejects keys that are not 16 bytes', () => {
    expect(() => sm4CbcEncrypt(Buffer.alloc(15), Buffer.alloc(16), 'x')).toThrow(RangeError);
    expect(() => sm4CbcEncrypt(K, Buffer.alloc(12), 'x')).toThrow(RangeError);
  });
});

describe('SM4-CBC (draft-ribose-cfrg-sm4 vectors, via OpenSSL evpciph_sm4.txt)', () => {
  // Published without padding; with PKCS#7 the same blocks come first, then one padding block.
  const published = '2677f46b09c122cc975533105bd4a22a f6125f7275ce552c3a2bbcf533de8a3b';
  it('matches the published two-block ciphertext and round-trips', () => {
    const pt = Buffer.concat([K, K]);
    const ct = sm4CbcEncrypt(K, K, pt);
    expect(ct.length).toBe(48);
    expect(ct.subarray(0, 32)).toEqual(hex(published));
    expect(sm4CbcDecrypt(K, K, ct)).toEqual(pt);
  });
  it('round-trips UTF-8 text of every length around a block boundary', () => {
    for (let n = 0; n <= 33; n++) {
      const text = '政'.repeat(n);
      expect(sm4CbcDecrypt(K, K, sm4CbcEncrypt(K, K, text)).toString('utf8')).toBe(text);
    }
  });
  it('rejects invalid PKCS#7 padding and truncated ciphertext', () => {
    // The published ciphertext ends in plaintext block ...3210, which is not valid padding.
    expect(() => sm4CbcDecrypt(K, K, hex(published))).toThrow();
    expect(() => sm4CbcDecrypt(K, K, hex(published).subarray(0, 20))).toThrow();
  });
});

describe('SM4-GCM (RFC 8998 Appendix A.1)', () => {
  const iv = hex('00001234567800000000abcd');
  const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const pt = hex(`${'aa'.repeat(8)}${'bb'.repeat(8)}${'cc'.repeat(8)}${'dd'.repeat(8)}
    ${'ee'.repeat(8)}${'ff'.repeat(8)}${'ee'.repeat(8)}${'aa'.repeat(8)}`);
  const ct = hex(`17f399f08c67d5ee19d0dc9969c4bb7d 5fd46fd3756489069157b282bb200735
    d82710ca5c22f0ccfa7cbf93d496ac15 a56834cbcf98c397b4024a2691233b8d`);
  const tag = hex('83de3541e4c2b58177e065a9bf7b62ec');

  it('encrypts to the published ciphertext and tag', () => {
    const out = sm4GcmEncrypt(K, iv, pt, aad);
    expect(out.ciphertext).toEqual(ct);
    expect(out.tag).toEqual(tag);
  });
  it('decrypts the published ciphertext', () => {
    expect(sm4GcmDecrypt(K, iv, ct, tag, aad)).toEqual(pt);
  });
  it('throws AuthenticationError on tampered ciphertext, tag, AAD or IV', () => {
    const flip = (b: Buffer, i: number) => {
      const c = Buffer.from(b);
      c[i] ^= 0x01;
      return c;
    };
    expect(() => sm4GcmDecrypt(K, iv, flip(ct, 63), tag, aad)).toThrow(AuthenticationError);
    expect(() => sm4GcmDecrypt(K, iv, ct, flip(tag, 0), aad)).toThrow(AuthenticationError);
    expect(() => sm4GcmDecrypt(K, iv, ct, tag, flip(aad, 19))).toThrow(AuthenticationError);
    expect(() => sm4GcmDecrypt(K, iv, ct, tag)).toThrow(AuthenticationError);
    expect(() => sm4GcmDecrypt(K, flip(iv, 11), ct, tag, aad)).toThrow(AuthenticationError);
    expect(() => sm4GcmDecrypt(K, iv, ct, tag.subarray(0, 12), aad)).toThrow(AuthenticationError);
  });
  it('rejects IVs that are not 12 bytes', () => {
    expect(() => sm4GcmEncrypt(K, Buffer.alloc(16), pt)).toThrow(RangeError);
  });
});

describe('sealSm4Gcm / openSm4Gcm envelope (IV || ciphertext || tag)', () => {
  it('round-trips with a fresh IV each time and binds the AAD', () => {
    const a = sealSm4Gcm(K, '身份证号 110101199003077777', 'table:person/col:id');
    const b = sealSm4Gcm(K, '身份证号 110101199003077777', 'table:person/col:id');
    expect(a.length).toBe(12 + Buffer.byteLength('身份证号 110101199003077777') + 16);
    expect(a.subarray(0, 12)).not.toEqual(b.subarray(0, 12));
    expect(openSm4Gcm(K, a, 'table:person/col:id').toString('utf8')).toBe('身份证号 110101199003077777');
    expect(() => openSm4Gcm(K, a, 'table:person/col:name')).toThrow(AuthenticationError);
    expect(() => openSm4Gcm(hex('00'.repeat(16)), a, 'table:person/col:id')).toThrow(AuthenticationError);
  });
  it('rejects tampering anywhere in the box and boxes that are too short', () => {
    const box = sealSm4Gcm(K, 'payload');
    for (const i of [0, 11, 12, box.length - 17, box.length - 1]) {
      const bad = Buffer.from(box);
      bad[i] ^= 0x80;
      expect(() => openSm4Gcm(K, bad)).toThrow(AuthenticationError);
    }
    expect(() => openSm4Gcm(K, box.subarray(0, 27))).toThrow(AuthenticationError);
    expect(openSm4Gcm(K, sealSm4Gcm(K, '')).length).toBe(0);
  });
});
