import { sm3Hex } from '../crypto/index.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainFields {
  seq: number;
  time: Date;
  actor: string;
  agency: string | null;
  action: string;
  subject: string;
  details: unknown;
  prev_hash: string;
}

/** JSON with object keys sorted at every depth: jsonb reorders keys, so the hash must not depend on order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SM3 over the canonical encoding of the event and the previous hash (the chain link). */
export function eventHash(e: ChainFields): string {
  return sm3Hex(
    canonicalJson({
      seq: e.seq,
      time: e.time.toISOString(),
      actor: e.actor,
      agency: e.agency,
      action: e.action,
      subject: e.subject,
      details: e.details ?? {},
      prev_hash: e.prev_hash,
    }),
  );
}
