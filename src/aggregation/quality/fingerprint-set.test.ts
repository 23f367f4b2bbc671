import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../agencies/id-card.ts';
import { FingerprintSet } from './fingerprint-set.ts';

describe('FingerprintSet', () => {
  it('finds duplicates and returns the first row', () => {
    const s = new FingerprintSet(4);
    expect(s.add('230103198506152313', 1)).toBe(-1);
    expect(s.add('230102199003071237', 2)).toBe(-1);
    expect(s.add('230103198506152313', 9)).toBe(1);
    expect(s.has('230102199003071237')).toBe(true);
    expect(s.has('230102199003071238')).toBe(false);
    expect(s.size).toBe(2);
    // Keys that differ only in order or case are different keys.
    expect(s.add('ab')).toBe(-1);
    expect(s.add('ba')).toBe(-1);
    expect(s.add('AB')).toBe(-1);
    expect(s.add('')).toBe(-1);
    expect(s.add('')).toBe(0);
  });

  it('keeps rows through growth, or none when not tracked', () => {
    const s = new FingerprintSet(1);
    for (let i = 0; i < 5000; i++) s.add(`k${i}`, i + 10);
    expect(s.add('k0')).toBe(10);
    expect(s.add('k4999')).toBe(5009);
    const bare = new FingerprintSet(1, false);
    bare.add('x', 5);
    expect(bare.add('x', 6)).toBe(0);
  });

  it('holds a million distinct keys in at most 32 MB with no false duplicate, and finds every real one', () => {
    const s = new FingerprintSet(1_000_000);
    // Realistic keys: ID numbers of one district, consecutive birth days and sequence numbers.
    let n = 0;
    const base = Date.UTC(1950, 0, 1);
    const keys: string[] = [];
    for (let day = 0; n < 1_000_000; day++) {
      const d = new Date(base + day * 86_400_000).toISOString();
      const ymd = d.slice(0, 4) + d.slice(5, 7) + d.slice(8, 10);
      for (let seq = 0; seq < 100 && n < 1_000_000; seq++, n++) {
        const first17 = `230103${ymd}${String(seq).padStart(3, '0')}`;
        const key = first17 + idCardCheckChar(first17);
        if (n % 1000 === 0) keys.push(key);
        if (s.add(key, n) !== -1) throw new Error(`false duplicate at ${n}: ${key}`);
      }
    }
    expect(s.size).toBe(1_000_000);
    expect(s.byteLength).toBeLessThanOrEqual(32 * 1024 * 1024);
    keys.forEach((k, i) => {
      expect(s.add(k, 0)).toBe(i * 1000);
    });
    expect(s.size).toBe(1_000_000);
  });

  it('no false duplicate among a million short sequential keys', () => {
    const s = new FingerprintSet(1_000_000, false);
    let dups = 0;
    for (let i = 0; i < 1_000_000; i++) if (s.add(String(i)) !== -1) dups++;
    expect(dups).toBe(0);
    let found = 0;
    for (let i = 0; i < 1_000_000; i += 997) if (s.add(String(i)) !== -1) found++;
    expect(found).toBe(Math.ceil(1_000_000 / 997));
    expect(s.byteLength).toBe(16 * 1024 * 1024);
  });
});
