import { describe, expect, it } from 'vitest';
import {
  DecodeFailure,
  type DetectedEncoding,
  decodeChunks,
  detectEncoding,
  normalizeEncoding,
  PROBE_BYTES,
} from './encoding.ts';
import { toGbk } from './sample-data.ts';
import { chunksOf, fixture } from './test-helpers.ts';
import { ReadError } from './types.ts';

async function decodeAll(bytes: Uint8Array, size: number, encoding?: 'gbk' | 'utf-8') {
  let text = '';
  let detected: DetectedEncoding | null = null;
  let bytesRead = 0;
  const onDetected = (e: DetectedEncoding) => {
    detected = e;
  };
  for await (const d of decodeChunks(chunksOf(bytes, size), { encoding, onDetected })) {
    bytesRead = d.bytesRead;
    text += d.text;
  }
  return { text, detected: detected as DetectedEncoding | null, bytesRead };
}

describe('detectEncoding', () => {
  it('reads a UTF-8 BOM, valid UTF-8, and GBK bytes', () => {
    expect(detectEncoding(Buffer.from('\uFEFF姓名', 'utf8'))).toEqual({
      encoding: 'utf-8',
      bom: true,
      certain: true,
    });
    expect(detectEncoding(Buffer.from('姓名,年龄', 'utf8'))).toEqual({
      encoding: 'utf-8',
      bom: false,
      certain: true,
    });
    expect(detectEncoding(fixture('gbk.csv'))).toEqual({ encoding: 'gb18030', bom: false, certain: true });
    expect(detectEncoding(fixture('gb18030.csv')).encoding).toBe('gb18030');
    expect(detectEncoding(Buffer.from([0x84, 0x31, 0x95, 0x33, 0x41]))).toMatchObject({
      encoding: 'gb18030',
      bom: true,
    });
  });

  it('calls plain ASCII uncertain', () => {
    expect(detectEncoding(Buffer.from('a,b,c\n1,2,3\n'))).toEqual({
      encoding: 'utf-8',
      bom: false,
      certain: false,
    });
  });

  it('does not take a character cut at the end of the probe for GBK, unless the file ends there', () => {
    const cut = Buffer.from('姓名', 'utf8').subarray(0, 4); // 姓 and the first byte of 名
    expect(detectEncoding(cut).encoding).toBe('utf-8');
    expect(detectEncoding(cut, true).encoding).toBe('gb18030');
  });

  it('refuses UTF-16 and NUL bytes with a Chinese message', () => {
    for (const b of [
      Buffer.from([0xff, 0xfe, 0x61, 0x00]),
      Buffer.from([0xfe, 0xff, 0x00, 0x61]),
      Buffer.from('a\0b\0'),
    ]) {
      expect(() => detectEncoding(b)).toThrow(ReadError);
      expect(() => detectEncoding(b)).toThrow(/UTF-16/);
    }
  });

  it('normalizes GBK names to gb18030 and refuses unknown ones', () => {
    expect(['GBK', 'gb2312', 'GB18030', 'cp936'].map(normalizeEncoding)).toEqual(Array(4).fill('gb18030'));
    expect(normalizeEncoding('UTF8')).toBe('utf-8');
    expect(() => normalizeEncoding('big5')).toThrow('不支持的字符编码“big5”');
  });

  it('Node decodes GB18030 four-byte sequences and the GBK euro sign (full ICU)', () => {
    const d = new TextDecoder('gb18030');
    expect(d.decode(Buffer.from([0x95, 0x32, 0x82, 0x36]))).toBe('𠀀');
    expect(d.decode(Buffer.from([0x80]))).toBe('€');
  });
});

describe('decodeChunks', () => {
  it('decodes the GBK fixture fed one byte at a time and in 7-byte pieces', async () => {
    const expected = fixture('gbk.utf8.csv').toString('utf8');
    for (const size of [1, 7]) {
      const r = await decodeAll(fixture('gbk.csv'), size);
      expect(r.text).toBe(expected);
      expect(r.detected?.encoding).toBe('gb18030');
      expect(r.bytesRead).toBe(fixture('gbk.csv').length);
    }
  });

  it('strips the BOM and nothing else', async () => {
    const r = await decodeAll(Buffer.from('\uFEFF a ,b\n', 'utf8'), 1);
    expect(r.text).toBe(' a ,b\n');
    expect(r.detected).toMatchObject({ encoding: 'utf-8', bom: true });
  });

  it('keeps probing past a long ASCII start: GBK after 100 KB of ASCII is still GBK', async () => {
    const ascii = 'id,code\n'.padEnd(100 * 1024, 'x');
    const bytes = Buffer.concat([Buffer.from(ascii), toGbk('\n张王,哈尔滨市\n')]);
    const r = await decodeAll(bytes, 4096);
    expect(r.detected?.encoding).toBe('gb18030');
    expect(r.text).toBe(`${ascii}\n张王,哈尔滨市\n`);
    expect(bytes.length).toBeGreaterThan(PROBE_BYTES);
  });

  it('honours an explicit encoding', async () => {
    const r = await decodeAll(toGbk('哈尔滨'), 1, 'gbk');
    expect(r.text).toBe('哈尔滨');
  });

  it('stops at bytes that do not decode, with the text before them', async () => {
    const bytes = Buffer.concat([
      Buffer.from('名称\n第二行'.padEnd(70_000, '好'), 'utf8'),
      Buffer.from([0xff, 0x41]),
    ]);
    const err = await decodeAll(bytes, 65536).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecodeFailure);
    expect((err as DecodeFailure).encoding).toBe('utf-8');
    expect((err as DecodeFailure).textBefore).toMatch(/好好$/);
  });
});
