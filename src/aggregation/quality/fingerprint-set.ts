// Key uniqueness across a whole load (Art. 19) without keeping the keys: each key is reduced to a
// 64-bit fingerprint stored in typed arrays (open addressing, linear probing). 1,000,000 keys use
// 2^21 slots × 12 bytes = 24 MB (16 MB without row numbers).
//
// Collision note: two different keys share a fingerprint with probability ~2^-64 per pair, so among
// n keys the chance of any false duplicate is about n²/2^65 (≈ 3·10^-8 for a million keys). A reported
// duplicate is therefore all but certain; the report names the earlier row so a person can confirm.

const MAX_LOAD = 0.7;

let H1 = 0;
let H2 = 0;

/** Two 32-bit multiplicative hashes over UTF-16 code units with cross-mixing (cyrb53-style), into H1/H2. */
function hash(s: string): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  H1 = h1 >>> 0;
  H2 = h2 >>> 0;
  // (0, 0) marks an empty slot.
  if (H1 === 0 && H2 === 0) H2 = 1;
}

export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private rows: Uint32Array | null;
  private mask: number;
  private count = 0;

  /** `expected` sizes the table up front (it still grows); `trackRows` keeps each key's first row. */
  constructor(expected = 1024, trackRows = true) {
    let cap = 16;
    while (cap * MAX_LOAD < expected) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.rows = trackRows ? new Uint32Array(cap) : null;
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays. */
  get byteLength(): number {
    return this.hi.byteLength + this.lo.byteLength + (this.rows?.byteLength ?? 0);
  }

  /**
   * Adds a key. Returns -1 when it is new; otherwise the row it was first added with (0 when rows are
   * not tracked). Row numbers must be 0 … 2^32-1.
   */
  add(key: string, row = 0): number {
    hash(key);
    const h1 = H1;
    const h2 = H2;
    let i = h1 & this.mask;
    while (this.hi[i] !== 0 || this.lo[i] !== 0) {
      if (this.hi[i] === h1 && this.lo[i] === h2) return this.rows ? this.rows[i] : 0;
      i = (i + 1) & this.mask;
    }
    this.hi[i] = h1;
    this.lo[i] = h2;
    if (this.rows) this.rows[i] = row;
    if (++this.count > (this.mask + 1) * MAX_LOAD) this.grow();
    return -1;
  }

  has(key: string): boolean {
    hash(key);
    let i = H1 & this.mask;
    while (this.hi[i] !== 0 || this.lo[i] !== 0) {
      if (this.hi[i] === H1 && this.lo[i] === H2) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }

  private grow(): void {
    const { hi, lo, rows } = this;
    const cap = hi.length * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.rows = rows ? new Uint32Array(cap) : null;
    this.mask = cap - 1;
    for (let j = 0; j < hi.length; j++) {
      if (hi[j] === 0 && lo[j] === 0) continue;
      let i = hi[j] & this.mask;
      while (this.hi[i] !== 0 || this.lo[i] !== 0) i = (i + 1) & this.mask;
      this.hi[i] = hi[j];
      this.lo[i] = lo[j];
      if (rows && this.rows) this.rows[i] = rows[j];
    }
  }
}
