// Streaming readers for physical aggregation (Art. 18): CSV, XLSX, JSON/NDJSON files and HTTP pulls,
// all yielding batches of string cells with the row numbers a person sees in the file.

export { type CsvOptions, DEFAULT_MAX_RECORD_CHARS, openCsv } from './csv.ts';
export { DELIMITERS, type Delimiter, detectDelimiter } from './csv-parser.ts';
export { detectFormat, type FileFormat, type OpenFileOptions, openFile } from './detect.ts';
export {
  type DetectedEncoding,
  detectEncoding,
  type EncodingOption,
  normalizeEncoding,
  type TextEncodingName,
} from './encoding.ts';
export {
  DEFAULT_PULL_MAX_BYTES,
  DEFAULT_PULL_TIMEOUT_MS,
  type HttpPullOptions,
  openHttpJson,
} from './http-pull.ts';
export { type JsonFormat, type JsonOptions, openJson } from './json.ts';
export { WRAPPER_KEYS } from './json-scan.ts';
export { DEFAULT_BATCH_SIZE, ReadError, type RowBatch, type RowSource } from './types.ts';
export { openXlsx, type XlsxOptions } from './xlsx.ts';
