import { Buffer } from 'node:buffer';
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3Keyed, sm3Fast, sm3Prefixed } from './sm3-fast.ts';

// A seeded generator: a failure reproduces.
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 0x100000000) * n);
  };
}

const BOUNDARIES = [0, 1, 31, 32, 33, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 183, 184, 192];
const CHARS = [
  'a',
  'Z',
  '0',
  '\u001f',
  'é',
  'ß',
  '中',
  '国',
  '黑',
  '龙',
  '江',
  '😀',
  '𠀋',
  '\ud800',
  '\udc00',
];

const nodeSm3 = (m: string | Uint8Array) => createHash('sm3').update(m).digest('hex');
const nodeHmac = (k: Uint8Array, m: string | Uint8Array) => createHmac('sm3', k).update(m).digest('hex');

describe('SM3 in TypeScript (GB/T 32905-2016 Appendix A)', () => {
  it('example 1: "abc"', () => {
    const expected = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    expect(sm3Fast('abc').toString('hex')).toBe(expected);
    expect(sm3Fast(Buffer.from('abc')).toString('hex')).toBe(expected);
  });
  it('example 2: "abcd" x 16 (64 bytes: the padding takes a block of its own)', () => {
    const expected = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
    expect(sm3Fast('abcd'.repeat(16)).toString('hex')).toBe(expected);
    expect(sm3Prefixed(Buffer.from('abcd'.repeat(10)))('abcd'.repeat(6)).toString('hex')).toBe(expected);
    expect(sm3Prefixed(Buffer.from('abcd'.repeat(16)))('').toString('hex')).toBe(expected);
  });
  it('the empty message', () => {
    expect(sm3Fast('').toString('hex')).toBe(
      '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
    );
  });
});

describe('equality with node:crypto (OpenSSL)', () => {
  const next = rng(20250601);
  const bytes = (n: number) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = next(256);
    return b;
  };
  const text = (n: number) => {
    let s = '';
    while (s.length < n) s += CHARS[next(CHARS.length)];
    return s;
  };
  const message = (i: number): string | Uint8Array => {
    const len = i < BOUNDARIES.length * 2 ? BOUNDARIES[i % BOUNDARIES.length] : next(301);
    if (i % 3 === 0) return bytes(len);
    // Hex-ish (ASCII) and Chinese strings; the length counts UTF-16 units, not bytes.
    return i % 3 === 1 ? Buffer.from(bytes(len)).toString('hex').slice(0, len) : text(len);
  };

  it('plain SM3: 2,000 messages of 0..300 bytes, every block boundary', () => {
    for (let i = 0; i < 2000; i++) {
      const m = message(i);
      expect(sm3Fast(m).toString('hex'), `message #${i}`).toBe(nodeSm3(m));
    }
  });

  it('UTF-8 of strings matches Buffer.from, lone surrogates included', () => {
    for (const s of ['\ud800', 'a\udc00b', '\udbff\udfff', '\ud83d', '中\ud800文', '😀'.repeat(40)])
      expect(sm3Fast(s).toString('hex')).toBe(nodeSm3(Buffer.from(s, 'utf8')));
  });

  it('HMAC-SM3: 2,000 messages under random keys of 0..100 bytes (keys over 64 hashed)', () => {
    const keyLens = [0, 1, 16, 32, 63, 64, 65, 100];
    for (let i = 0; i < 2000; i++) {
      const key = bytes(i < keyLens.length ? keyLens[i] : next(101));
      const m = message(i);
      expect(hmacSm3Keyed(key)(m).toString('hex'), `message #${i}, key ${key.length} bytes`).toBe(
        nodeHmac(key, m),
      );
    }
  });

  it('prefixed SM3: 2,000 messages after prefixes of 0..150 bytes (tail of the prefix kept)', () => {
    for (let i = 0; i < 2000; i++) {
      const prefix = bytes(i < BOUNDARIES.length ? BOUNDARIES[i] : next(151));
      const m = message(i);
      const expected = createHash('sm3').update(prefix).update(m).digest('hex');
      expect(sm3Prefixed(prefix)(m).toString('hex'), `message #${i}, prefix ${prefix.length}`).toBe(expected);
    }
  });

  it('keyed functions used interleaved, and many calls on one, share no state', () => {
    const k1 = bytes(32);
    const k2 = bytes(80);
    const p1 = bytes(32);
    const p2 = bytes(70);
    const h1 = hmacSm3Keyed(k1);
    const h2 = hmacSm3Keyed(k2);
    const f1 = sm3Prefixed(p1);
    const f2 = sm3Prefixed(p2);
    for (let i = 0; i < 300; i++) {
      const m = message(i);
      const long = text(2000); // grows the shared scratch buffer mid-way
      expect(h1(m).toString('hex')).toBe(nodeHmac(k1, m));
      expect(f2(long).toString('hex')).toBe(createHash('sm3').update(p2).update(long).digest('hex'));
      expect(h2(m).toString('hex')).toBe(nodeHmac(k2, m));
      expect(f1(m).toString('hex')).toBe(createHash('sm3').update(p1).update(m).digest('hex'));
      expect(h1(m).toString('hex')).toBe(nodeHmac(k1, m));
    }
  });

  it('messages beyond the scratch buffer (64 KiB) hash right, and short ones after them too', () => {
    const key = bytes(40);
    const h = hmacSm3Keyed(key);
    const big = text(100_000); // up to 300,000 bytes of room: a buffer of its own
    const bigBytes = bytes(70_000);
    for (const m of [big, bigBytes, 'abc', text(20_000), 'abc']) {
      expect(sm3Fast(m).toString('hex')).toBe(nodeSm3(m));
      expect(h(m).toString('hex')).toBe(nodeHmac(key, m));
    }
  });

  it('results are fresh buffers, and a prefix changed after the fact does not change the hash', () => {
    const prefix = Buffer.from('0123456789abcdef0123456789abcdef');
    const f = sm3Prefixed(prefix);
    const a = f('行');
    const b = f('行');
    expect(a).not.toBe(b);
    a.fill(0);
    prefix.fill(0);
    expect(f('行').toString('hex')).toBe(
      createHash('sm3').update('0123456789abcdef0123456789abcdef').update('行').digest('hex'),
    );
    expect(b.toString('hex')).toBe(f('行').toString('hex'));
  });
});
