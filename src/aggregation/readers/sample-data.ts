// Generated rows for the memory test and the benchmark: a 10-column population-style table,
// produced chunk by chunk so nothing forces the whole file into memory.

/** GBK codes of the few Chinese characters the samples use (taken from `iconv -t GBK`). */
const GBK: Record<string, number> = {
  张: 0xd5c5,
  王: 0xcdf5,
  李: 0xc0ee,
  赵: 0xd5d4,
  刘: 0xc1f5,
  陈: 0xb3c2,
  杨: 0xd1ee,
  黄: 0xbbc6,
  周: 0xd6dc,
  吴: 0xcee2,
  哈: 0xb9fe,
  尔: 0xb6fb,
  滨: 0xb1f5,
  市: 0xcad0,
  道: 0xb5c0,
  里: 0xc0ef,
  区: 0xc7f8,
  南: 0xc4cf,
  岗: 0xb8da,
  香: 0xcfe3,
  坊: 0xb7bb,
};

/** Encodes text made of ASCII and the characters above as GBK. */
export function toGbk(text: string): Buffer {
  const out = Buffer.alloc(text.length * 2);
  let n = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out[n++] = c;
    else {
      const g = GBK[ch];
      if (g === undefined) throw new Error(`no GBK code for ${ch}`);
      out[n++] = g >> 8;
      out[n++] = g & 0xff;
    }
  }
  return out.subarray(0, n);
}

const SURNAMES = '张王李赵刘陈杨黄周吴';
const DISTRICTS = ['哈尔滨市道里区', '哈尔滨市南岗区', '哈尔滨市香坊区'];
export const SAMPLE_HEADER = ['xh', 'xm', 'sfzh', 'xb', 'csrq', 'xzqh', 'lxdh', 'je', 'dz', 'bz'];

/** The cells of sample row i (0-based), as the readers should return them. */
export function sampleRow(i: number): (string | null)[] {
  const birth = `19${50 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  return [
    String(i + 1),
    SURNAMES[i % 10] + SURNAMES[(i * 7) % 10],
    `2301021990${String(i % 100000000).padStart(8, '0')}`,
    i % 2 ? '1' : '2',
    birth,
    '230102',
    `1380000${String(i % 10000).padStart(4, '0')}`,
    String((i % 1000) + 0.5),
    DISTRICTS[i % 3],
    i % 5 === 0 ? null : 'ok',
  ];
}

export type SampleFormat = 'csv' | 'csv-gbk' | 'ndjson';

function line(i: number, format: SampleFormat): string {
  const row = sampleRow(i);
  if (format === 'ndjson') {
    const obj: Record<string, string | null> = {};
    SAMPLE_HEADER.forEach((k, c) => {
      obj[k] = row[c];
    });
    return `${JSON.stringify(obj)}\n`;
  }
  return `${row.map((c) => c ?? '').join(',')}\r\n`;
}

/** Streams `rows` sample rows (after a header line for CSV) in chunks of about `chunkBytes`. */
export async function* sampleChunks(rows: number, format: SampleFormat, chunkBytes = 64 * 1024) {
  const encode = (s: string) => (format === 'csv-gbk' ? toGbk(s) : Buffer.from(s, 'utf8'));
  let text = format === 'ndjson' ? '' : `${SAMPLE_HEADER.join(',')}\r\n`;
  for (let i = 0; i < rows; i++) {
    text += line(i, format);
    if (text.length * 3 >= chunkBytes) {
      yield encode(text);
      text = '';
    }
  }
  if (text) yield encode(text);
}
