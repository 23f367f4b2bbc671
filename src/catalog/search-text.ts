// Art. 11 检索: how catalog text is cut into search tokens. The same rules run in the database (the
// search document, built by triggers — schema-search.ts) and here (the query), so both sides are
// generated from the one definition below.
//
// Why not a dictionary segmenter or pg_trgm: PGlite has no zhparser; pg_trgm needs ≥ 3 characters
// to use its index (most Chinese search words are 2–4 characters: 户籍, 社保, 婚姻登记) and, under a
// plain C ctype, drops CJK characters entirely. Character n-grams need neither a dictionary nor a
// locale: text is normalised (NFKC, ASCII lower case), cut into runs at separators (punctuation,
// spaces), and each run gives its characters (unigrams: for one-character queries), its adjacent
// pairs (bigrams: a word matches when all its bigrams are present) and its pairs one apart
// ("skip-bigrams" a_c of abc: they let a word with one wrong character in the middle — 婚因登记 —
// still pin down the right phrase, 婚?登记, instead of just 登记).

/** Separators, as code-point ranges: ASCII except letters and digits, Latin-1 and general
 * punctuation, symbols, CJK punctuation and full-width punctuation. Everything else is text. */
const SEPARATOR_RANGES: [number, number][] = [
  [0x01, 0x2f],
  [0x3a, 0x40],
  [0x5b, 0x60],
  [0x7b, 0xbf],
  [0xd7, 0xd7],
  [0xf7, 0xf7],
  [0x2000, 0x2bff],
  [0x3000, 0x303f],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff0f],
  [0xff1a, 0xff20],
  [0xff3b, 0xff40],
  [0xff5b, 0xff65],
];

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** The separator class in PostgreSQL's regex syntax (\uXXXX escapes inside a bracket). */
export const SQL_SEPARATOR_CLASS = `[${SEPARATOR_RANGES.map(([a, b]) => (a === b ? `\\u${hex(a)}` : `\\u${hex(a)}-\\u${hex(b)}`)).join('')}]`;

const SEPARATORS = new RegExp(
  `[${SEPARATOR_RANGES.map(([a, b]) => (a === b ? `\\u{${hex(a)}}` : `\\u{${hex(a)}}-\\u{${hex(b)}}`)).join('')}]+`,
  'gu',
);

/**
 * The same steps as SQL catalog_search_norm: separators to a space, NFKC (full-width letters and
 * digits become ASCII), separators again, ASCII lower case (as lower() under the C collation).
 */
export function normalizeText(s: string): string {
  return s
    .replace(SEPARATORS, ' ')
    .normalize('NFKC')
    .replace(SEPARATORS, ' ')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The runs of a text: what lies between separators, each as its characters (code points). */
export function runsOf(s: string): string[][] {
  return normalizeText(s)
    .split(' ')
    .filter((r) => r !== '')
    .map((r) => [...r]);
}

/** The tokens a query word must all find in a document: its bigrams, or the character itself. */
export function wordTokens(chars: string[]): string[] {
  if (chars.length === 1) return [chars[0]];
  return unique(chars.slice(1).map((c, i) => chars[i] + c));
}

/**
 * One wrong character (Art. 11 智能识别: 户藉人口 for 户籍人口): for each position of a word of three or
 * more characters, the tokens that do not involve that character — the bigrams not touching it, and
 * the skip-bigram across it. A document holding all of one such set has the word with at most that
 * one character different.
 */
export function tolerantTokenSets(chars: string[]): string[][] {
  if (chars.length < 3) return [];
  const sets: string[][] = [];
  for (let p = 0; p < chars.length; p++) {
    const bigrams = chars.slice(1).flatMap((c, i) => (i === p || i + 1 === p ? [] : [chars[i] + c]));
    const skip = p > 0 && p < chars.length - 1 ? [`${chars[p - 1]}_${chars[p + 1]}`] : [];
    sets.push(unique([...bigrams, ...skip]));
  }
  return sets;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** The words of a query string (at most `max`, each at most 30 characters). */
export function queryWords(q: string, max = 8): string[][] {
  return runsOf(q)
    .slice(0, max)
    .map((r) => r.slice(0, 30));
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/**
 * Marks the query words in a text with <mark>…</mark> (the rest HTML-escaped). A word is marked where
 * it occurs as written; otherwise its bigrams are; with `tolerant`, a stretch equal to the word but for
 * one character is marked too. Returns null when nothing matched. Long texts are cut to a window
 * around the first mark.
 */
export function highlight(text: string, words: string[][], tolerant: boolean, window = 0): string | null {
  const chars = [...text];
  const norm = chars.map((c) => normalizeText(c));
  const marked = new Array<boolean>(chars.length).fill(false);
  const at = (i: number, w: string[]) => w.every((c, k) => norm[i + k] === c);
  for (const w of words) {
    let found = false;
    for (let i = 0; i + w.length <= chars.length; i++)
      if (at(i, w)) {
        found = true;
        for (let k = 0; k < w.length; k++) marked[i + k] = true;
      }
    if (!found && tolerant && w.length >= 3)
      for (let i = 0; i + w.length <= chars.length; i++) {
        const wrong = w.filter((c, k) => norm[i + k] !== c).length;
        if (wrong <= 1) {
          found = true;
          for (let k = 0; k < w.length; k++) marked[i + k] = true;
        }
      }
    if (!found && w.length > 1)
      for (let i = 0; i + 1 < chars.length; i++)
        for (let k = 0; k + 1 < w.length; k++)
          if (norm[i] === w[k] && norm[i + 1] === w[k + 1]) marked[i] = marked[i + 1] = true;
  }
  const first = marked.indexOf(true);
  if (first < 0) return null;
  let from = 0;
  let to = chars.length;
  if (window > 0 && chars.length > window) {
    from = Math.max(0, Math.min(first - Math.floor(window / 4), chars.length - window));
    to = from + window;
  }
  let out = from > 0 ? '…' : '';
  for (let i = from; i < to; i++) {
    const open = marked[i] && (i === from || !marked[i - 1]);
    const close = marked[i] && (i === to - 1 || !marked[i + 1]);
    out += `${open ? '<mark>' : ''}${escapeHtml(chars[i])}${close ? '</mark>' : ''}`;
  }
  return to < chars.length ? `${out}…` : out;
}
