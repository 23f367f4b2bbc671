import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, sm4GcmDecrypt, sm4GcmEncrypt } from './index.ts';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('SM4-GCM (RFC 8998 / NIST SP 800-38D; C2SP Wycheproof sm4_gcm_test.json, 96-bit IV group)', () => {
  // [tcId, key, iv, aad, msg, ct, tag]: odd lengths exercise partial-block GHASH padding and the CTR tail.
  const valid: [number, string, string, string, string, string, string][] = [
    [
      2,
      'bedcfb5a011ebc84600fcb296c15af0d',
      '438a547a94ea88dce46c6c85',
      '',
      '',
      '',
      'a486a45596cb92cf529de2038583707d',
    ],
    [
      3,
      '384ea416ac3c2f51a76e7d8226346d4e',
      'b30c084727ad1c592ac21d12',
      '',
      '35',
      'a3',
      'a06f50a378b116e9dd2363a6e8babd88',
    ],
    [
      5,
      'dd6197cd63c963919cf0c273ef6b28bf',
      'ecb0c42f7000ef0e6f95f24d',
      '',
      '4dcc1485365866e25ac3f2ca6aba97',
      '8903a5225332b06e89bc1ad13e4406',
      '41feccc33a5a27fab0883a11e4ba3b71',
    ],
    [
      7,
      'c15ed227dd2e237ecd087eaaaad19ea4',
      '965ff6643116ac1443a2dec7',
      '',
      'fee62fde973fe025ad6b322dcdf3c63fc7',
      'bec3d84d43648a235d8e2db8a61c3d9317',
      '78372866def4d47c141dfa360ee73f8d',
    ],
    [
      9,
      '28ff3def08179311e2734c6d1c4e2871',
      '32bcb9b569e3b852d37c766a',
      'c3',
      'dfc61a20df8505b53e3cd59f25770d5018add3d6',
      'cd6419e4b259e55f460f88763ed7229331ed11a0',
      'e156c8364e952357442b9a372ebc2f1f',
    ],
    [
      12,
      '6a68671dfe323d419894381f85eb63fd',
      '9f0d85b605711f34cd2a35ba',
      '76eb5f147250fa3c12bff0a6e3934a0b16860cf11646773b',
      '0fc67899c3f1bbe196d90f1eca3797389230aa37',
      'e2ceb4ed26cad57080e1bf3104f3251c486395d6',
      '00468fce2225bfea9b46679889cd1241',
    ],
    [
      37,
      '00112233445566778899aabbccddeeff',
      '000000000000000000000000',
      '',
      '5d5078da12857e409e1f3ae19cfc8a3a',
      '70b0c110177e873599d05676fcde10ed',
      'ffffffffffffffffffffffffffffffff',
    ],
    [
      38,
      '00112233445566778899aabbccddeeff',
      'ffffffffffffffffffffffff',
      '',
      'f3937d8216ab17e05ffb8b490a001a1c',
      '362c07b231c4525edc14db3319f19f19',
      '00000000000000000000000000000000',
    ],
  ];
  it.each(valid)('tcId %i (valid)', (_id, key, iv, aad, msg, ct, tag) => {
    const out = sm4GcmEncrypt(hex(key), hex(iv), hex(msg), hex(aad));
    expect(out.ciphertext.toString('hex')).toBe(ct);
    expect(out.tag.toString('hex')).toBe(tag);
    expect(sm4GcmDecrypt(hex(key), hex(iv), hex(ct), hex(tag), hex(aad))).toEqual(hex(msg));
  });
  // tcIds 39, 41, 44: one bit of the tag flipped (bits 0, 7, 32).
  it.each([
    [39, '517976811555a04bb20921a3d81edae4'],
    [41, 'd07976811555a04bb20921a3d81edae4'],
    [44, '507976811455a04bb20921a3d81edae4'],
  ])('tcId %i (modified tag) is rejected', (_id, tag) => {
    const key = hex('000102030405060708090a0b0c0d0e0f');
    const iv = hex('505152535455565758595a5b');
    const ct = hex('2610dc674b46c13dd4e2406d0c0873c4');
    expect(() => sm4GcmDecrypt(key, iv, ct, hex(tag))).toThrow(AuthenticationError);
  });
});
