import { isAscii } from 'node:buffer';
import { type ByteChunks, ReadError, type RowBatch } from './types.ts';

// Art. 18: departments deliver UTF-8 and GBK exports alike. GB18030 is a superset of GBK and GB2312,
// and Node's 'gbk' decoder rejects GB18030's four-byte sequences, so every GBK flavour reads as gb18030.

export type TextEncodingName = 'utf-8' | 'gb18030';
export type EncodingOption = TextEncodingName | 'utf8' | 'gbk' | 'gb2312' | 'auto';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  bom: boolean;
  /** False when the bytes were plain ASCII, which reads the same in both encodings. */
  certain: boolean;
}

export const PROBE_BYTES = 64 * 1024;

export function normalizeEncoding(name: string): TextEncodingName {
  const n = name.trim().toLowerCase();
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (n === 'gbk' || n === 'gb2312' || n === 'gb18030' || n === 'cp936') return 'gb18030';
  throw new ReadError(`不支持的字符编码“${name}”，可选 UTF-8、GBK 或 GB18030`);
}

export const encodingLabel = (e: TextEncodingName) => (e === 'utf-8' ? 'UTF-8' : 'GBK/GB18030');

const view = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/**
 * Detects the encoding from the first bytes of a file (up to PROBE_BYTES). `final` says the bytes
 * are the whole file, so a multi-byte character cut at the end is an error rather than a cut.
 */
export function detectEncoding(bytes: Uint8Array, final = false): DetectedEncoding {
  const b = view(bytes);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: true, certain: true };
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    throw new ReadError('不支持 UTF-16 编码的文件，请在导出时另存为 UTF-8 或 GBK 编码');
  if (b[0] === 0x84 && b[1] === 0x31 && b[2] === 0x95 && b[3] === 0x33)
    return { encoding: 'gb18030', bom: true, certain: true };
  // Text never holds NUL bytes; UTF-16 without a BOM (or a binary file) does.
  if (b.indexOf(0) >= 0)
    throw new ReadError('文件含有空字节，不是文本文件或为 UTF-16 编码，请另存为 UTF-8 或 GBK 编码');
  if (isAscii(b)) return { encoding: 'utf-8', bom: false, certain: false };
  try {
    // stream: a character cut at the end of the probe is held back, not reported as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: !final });
    return { encoding: 'utf-8', bom: false, certain: true };
  } catch {
    return { encoding: 'gb18030', bom: false, certain: true };
  }
}

/** Bytes that did not decode; `textBefore` is the text of the failing chunk up to the bad bytes. */
export class DecodeFailure extends Error {
  constructor(
    readonly encoding: TextEncodingName,
    readonly textBefore: string,
  ) {
    super(`invalid ${encoding} bytes`);
  }
}

export interface DecodedText {
  text: string;
  /** Source bytes consumed once this text is produced. */
  bytesRead: number;
}

/**
 * Decodes a byte stream to text. Without an explicit encoding, ASCII passes through until the first
 * non-ASCII bytes, which are then probed (PROBE_BYTES) — so a GBK file whose first 64 KB are ASCII is
 * still read right. Decoding is fatal: a stray byte stops the load instead of silently becoming U+FFFD.
 */
export async function* decodeChunks(
  source: ByteChunks,
  opts: { encoding?: EncodingOption; onDetected?: (d: DetectedEncoding) => void } = {},
): AsyncGenerator<DecodedText> {
  let encoding: TextEncodingName | null =
    opts.encoding && opts.encoding !== 'auto' ? normalizeEncoding(opts.encoding) : null;
  let decoder = encoding ? new TextDecoder(encoding, { fatal: true, ignoreBOM: true }) : null;
  let bytes = 0;
  let probe: Uint8Array[] = [];
  let probeLen = 0;
  let started = false;
  const stripBom = (text: string) => {
    if (started) return text;
    started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  const decode = (chunk: Uint8Array | undefined, stream: boolean): string => {
    const enc = encoding!;
    try {
      return chunk ? decoder!.decode(chunk, { stream }) : decoder!.decode();
    } catch {
      // Only line breaks in this text matter (to name the row); in UTF-8 the bytes that finish the
      // previous chunk's character would read as bad bytes on their own, so they are skipped.
      let from = 0;
      while (enc === 'utf-8' && chunk && from < 3 && (chunk[from] & 0xc0) === 0x80) from++;
      const loose = chunk ? new TextDecoder(enc).decode(chunk.subarray(from)) : '';
      const at = loose.indexOf('\uFFFD');
      throw new DecodeFailure(enc, at < 0 ? loose : loose.slice(0, at));
    }
  };
  // Decides on the probe; returns its text, or null to keep waiting when it was plain ASCII.
  const settle = (final: boolean): string | null => {
    const all = probe.length === 1 ? probe[0] : Buffer.concat(probe);
    probe = [];
    probeLen = 0;
    const d = detectEncoding(all, final);
    if (!d.certain && !final) {
      started = true;
      return view(all).toString('latin1');
    }
    encoding = d.encoding;
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    opts.onDetected?.(d);
    return decode(all, !final);
  };

  for await (const chunk of source) {
    bytes += chunk.byteLength;
    if (decoder) {
      const text = stripBom(decode(chunk, true));
      if (text) yield { text, bytesRead: bytes };
      continue;
    }
    // Still undecided: ASCII so far reads the same whatever comes next.
    if (probeLen === 0 && started && isAscii(chunk)) {
      yield { text: view(chunk).toString('latin1'), bytesRead: bytes };
      continue;
    }
    probe.push(chunk);
    probeLen += chunk.byteLength;
    if (probeLen < PROBE_BYTES) continue;
    const text = settle(false);
    if (text) yield { text: stripBom(text), bytesRead: bytes };
  }
  let tail = '';
  if (probeLen > 0) tail = settle(true) ?? '';
  else if (decoder) tail = decode(undefined, false);
  else opts.onDetected?.({ encoding: 'utf-8', bom: false, certain: false });
  if (tail) yield { text: stripBom(tail), bytesRead: bytes };
}

/**
 * The error for undecodable bytes, naming the row: the rows already read plus the line breaks up to
 * the bad bytes (`pending` is the text not yet made into rows; null when lines are not rows).
 */
export function decodeError(
  err: DecodeFailure,
  rowNumber: number,
  pending: string | null,
  explicit: boolean,
  unit = '行',
): ReadError {
  const breaks = pending === null ? 0 : ((pending + err.textBefore).match(/\r\n|\r|\n/g)?.length ?? 0);
  const row = rowNumber + breaks;
  const label = encodingLabel(err.encoding);
  const hint = explicit
    ? '文件可能已损坏或编码与指定的不符'
    : `文件可能混用了多种编码或已损坏；如不是 ${label} 编码，请指定编码后重试`;
  return new ReadError(`第 ${row} ${unit}附近含有无法按 ${label} 解码的字节：${hint}`, row);
}

/** What a text parser gives the byte-stream driver (CSV and JSON readers). */
export interface TextRowParser {
  rowNumber: number;
  push(text: string, bytesRead: number): void;
  end(bytesRead: number): void;
  take(): RowBatch[];
}

/**
 * Decodes a byte stream into a parser and yields its batches; undecodable bytes become a ReadError
 * naming the row (`pending`: the parser's text not yet made into rows, null when lines are not rows).
 */
export async function* parseDecoded(
  source: ByteChunks,
  encoding: EncodingOption | undefined,
  parser: TextRowParser,
  pending: () => string | null,
  unit = '行',
): AsyncGenerator<RowBatch> {
  let explicit = !!encoding && encoding !== 'auto';
  let bytes = 0;
  try {
    const decoded = decodeChunks(source, {
      encoding,
      onDetected: (d) => {
        explicit ||= d.bom;
      },
    });
    for await (const { text, bytesRead } of decoded) {
      bytes = bytesRead;
      parser.push(text, bytesRead);
      yield* parser.take();
    }
    parser.end(bytes);
    yield* parser.take();
  } catch (err) {
    if (err instanceof DecodeFailure) throw decodeError(err, parser.rowNumber, pending(), explicit, unit);
    throw err;
  }
}
