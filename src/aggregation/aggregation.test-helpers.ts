import { execFileSync } from 'node:child_process';
import { idCardCheckChar } from '../agencies/id-card.ts';
import { basicEntry } from '../catalog/catalog.test-helpers.ts';
import type { Actor } from '../kernel/context.ts';
import { actorFrom, type Harness, ok } from '../matters/support.test-helpers.ts';
import { openCsv, type RowSource } from './readers/index.ts';

// Shared by the aggregation tests: a published entry of 省公安厅 with personal and plain items, and
// rows of it as CSV text.

export const JUSTIFY = { justification: '本部门履职确需独立采集，已与相关部门沟通。' };

/** Publishes an entry (as `user`, reviewed by `reviewer`) and returns its id and item codes by name. */
export async function publishEntry(
  h: Harness,
  user: string,
  reviewer: string,
  over: Record<string, unknown> = {},
) {
  const call = (method: 'POST' | 'GET', url: string, payload?: unknown) =>
    h.t.call(h.token[user], { method, url, payload: payload as never });
  const id = ok(
    await call(
      'POST',
      '/api/v1/catalog/entries',
      basicEntry({
        name: '户籍人口登记信息',
        items: [
          { name: '公民身份号码' },
          { name: '姓名' },
          { name: '户籍地址' },
          { name: '人口类型', code: 'RKLX', dataType: 'string', grade: 'general', length: 10 },
          { name: '迁入日期', code: 'QRRQ', dataType: 'date', grade: 'general' },
        ],
        ...over,
      }),
    ),
    201,
  ).id as number;
  const matter = ok(await call('POST', `/api/v1/catalog/entries/${id}/submit`, JUSTIFY))
    .reviewMatterId as number;
  ok(await h.act(reviewer, matter, 'publish', {}));
  const entry = ok(await call('GET', `/api/v1/catalog/entries/${id}`));
  const codes = Object.fromEntries(entry.items.map((i: { name: string; code: string }) => [i.name, i.code]));
  return { id, codes: codes as Record<string, string> };
}

export const actorOf = (h: Harness, user: string): Actor => actorFrom(h.me[user]);

/** A valid 18-digit ID number (GB 11643) from a region, birth date and sequence. */
export function idNumber(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** YYYYMMDD of 1950-01-01 plus `days`. */
const birthDate = (days: number) =>
  new Date(Date.UTC(1950, 0, 1) + days * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');

export const HEADER = ['公民身份号码', '姓名', '户籍地址', '人口类型', '迁入日期'];

/** n people of Harbin, deterministic; `i` names them. */
export function people(n: number, from = 0): string[][] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return [
      // Unique for any i: the birth date counts thousands of people, the sequence number the rest.
      idNumber('230103', birthDate(Math.floor(i / 1000)), i % 1000),
      `张${'伟芳娜敏静丽强磊军洋'[i % 10]}${i}`,
      `黑龙江省哈尔滨市南岗区学府路${i}号`,
      i % 3 === 0 ? '流动人口' : '户籍人口',
      `2020-0${1 + (i % 9)}-1${i % 10}`,
    ];
  });
}

export const csvText = (rows: string[][], header = HEADER) =>
  [header, ...rows]
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\n');

async function* chunks(b: Buffer) {
  yield b;
}

export const csvSource = (text: string, encoding: 'utf-8' | 'gbk' = 'utf-8'): RowSource => {
  const bytes =
    encoding === 'gbk'
      ? execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text })
      : Buffer.from(text);
  return openCsv(chunks(bytes), { totalBytes: bytes.length });
};
