import { ReadError } from './types.ts';

// Finding where JSON values end without parsing them, so a 500 MB array is cut into elements and
// only one element at a time goes through JSON.parse.

const QUOTE = 34;
const BACKSLASH = 92;

export const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export function skipWs(s: string, i: number): number {
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return i;
}

/** The index after the string starting at `i` (a quote); -1 when it does not end in `s`. */
function stringEnd(s: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = s.indexOf('"', j);
    if (q < 0) return -1;
    let b = q - 1;
    while (s.charCodeAt(b) === BACKSLASH) b--;
    // An even number of backslashes before the quote: it is not escaped.
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/**
 * The index after the JSON value starting at `i`; -1 when `s` ends first. Only strings and nesting
 * are tracked — the value's own syntax is left to JSON.parse.
 */
export function valueEnd(s: string, i: number, final: boolean): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) return stringEnd(s, i);
  const len = s.length;
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let k = i; k < len; k++) {
      const ch = s.charCodeAt(k);
      if (ch === QUOTE) {
        const e = stringEnd(s, k);
        if (e < 0) return -1;
        k = e - 1;
      } else if (ch === 123 || ch === 91) depth++;
      else if (ch === 125 || ch === 93) {
        if (--depth === 0) return k + 1;
      }
    }
    return -1;
  }
  // A number or literal runs to the next separator.
  let k = i;
  while (k < len) {
    const ch = s.charCodeAt(k);
    if (ch === 44 || ch === 93 || ch === 125 || isWs(ch)) return k;
    k++;
  }
  return final ? len : -1;
}

export const WRAPPER_KEYS = ['items', 'data', 'rows', 'records', 'list', 'result', 'results'];
const MAX_WRAPPER_DEPTH = 3;
const MORE = Symbol('more');

const syntax = (what: string) => new ReadError(`JSON 格式错误：${what}`);

/**
 * Looks inside the object starting at `start` for the array holding the rows: the first array under a
 * key accepted by `match` (the key path, e.g. ['data', 'records']), searched up to three objects deep.
 * Returns the index after its '[', -1 when `s` ends first, -2 when the object has no such array.
 */
export function seekArray(
  s: string,
  start: number,
  final: boolean,
  match: (path: string[]) => boolean,
): number {
  let found = -1;
  const ws = (i: number) => {
    const j = skipWs(s, i);
    if (j < s.length) return j;
    if (final) throw syntax('文件在数据数组之前结束');
    throw MORE;
  };
  const object = (at: number, path: string[]): number => {
    let i = ws(at + 1);
    if (s.charCodeAt(i) === 125) return i + 1;
    for (;;) {
      if (s.charCodeAt(i) !== QUOTE) throw syntax('对象的键应为带引号的字符串');
      const keyEnd = stringEnd(s, i);
      if (keyEnd < 0) throw final ? syntax('字符串没有结束') : MORE;
      const key = JSON.parse(s.slice(i, keyEnd)) as string;
      i = ws(keyEnd);
      if (s.charCodeAt(i) !== 58) throw syntax(`键“${key}”之后缺少冒号`);
      i = ws(i + 1);
      const here = [...path, key];
      const c = s.charCodeAt(i);
      if (c === 91 && match(here)) {
        found = i + 1;
        return -1;
      }
      if (c === 123 && here.length < MAX_WRAPPER_DEPTH) {
        i = object(i, here);
        if (i < 0) return -1;
      } else {
        const e = valueEnd(s, i, final);
        if (e < 0) throw final ? syntax(`键“${key}”的值没有结束`) : MORE;
        i = e;
      }
      i = ws(i);
      const sep = s.charCodeAt(i);
      if (sep === 125) return i + 1;
      if (sep !== 44) throw syntax(`键“${key}”的值之后缺少逗号`);
      i = ws(i + 1);
    }
  };
  try {
    object(start, []);
  } catch (err) {
    if (err === MORE) return -1;
    throw err;
  }
  return found >= 0 ? found : -2;
}

/** The default rule: the last key of the path is one of the usual wrapper names. */
export const wrapperMatch =
  (arrayPath?: string) =>
  (path: string[]): boolean =>
    arrayPath ? path.join('.') === arrayPath : WRAPPER_KEYS.includes(path[path.length - 1]);
