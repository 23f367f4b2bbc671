import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { hmacSm3, hmacSm3Verify, sm4CbcDecrypt, sm4CbcEncrypt } from '../kernel/crypto/index.ts';
import { hmacSm3Keyed, sm3Prefixed } from '../kernel/crypto/sm3-fast.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import { keyFilePath, secretKey } from '../kernel/keys.ts';

// Art. 38 key hierarchy. The records key (KEK, 32 bytes) lives outside the database, in
// `<dataDir>/keys/records.key` or GOVDATA_RECORDS_KEY_FILE: a stolen dump or backup holds only
// ciphertext. Each dataset has its own data key, stored wrapped by the KEK (SM4-CBC, then HMAC-SM3
// over the result: encrypt-then-MAC), holding three secrets: the SM4 key of its protected values,
// the HMAC-SM3 key of its blind index (record keys) and the key of its row fingerprints.

export interface DataKey {
  id: number;
  /** SM4 key of the protected values. */
  cipher: Buffer;
  /** HMAC-SM3 key of the blind index. */
  blind: Buffer;
  /** Prefix of the keyed SM3 row fingerprints. */
  fingerprint: Buffer;
}

const KEY_NAME = 'records';

/**
 * The KEK. Created on first use only while no data key exists: once data is encrypted, a missing key
 * file means lost data, and a fresh key would hide that until the first read.
 */
async function kek(db: Db | Trx, config: Config): Promise<{ wrap: Buffer; mac: Buffer }> {
  const file = keyFilePath(config, KEY_NAME);
  if (!fs.existsSync(file)) {
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from agg_data_key`.execute(db)).rows[0];
    if (n > 0)
      throw new DomainError(500, 'records-key-missing', '数据记录密钥文件缺失', {
        article: 'Art. 38',
        detail: `未找到记录密钥文件 ${file}：已加密的数据无法读取。请从密钥备份恢复该文件（或以 GOVDATA_RECORDS_KEY_FILE 指定其位置）。`,
      });
  }
  const key = secretKey(config, KEY_NAME);
  return {
    wrap: hmacSm3(key, 'govdata.records.wrap').subarray(0, 16),
    mac: hmacSm3(key, 'govdata.records.mac'),
  };
}

const cache = new WeakMap<object, Map<number, DataKey>>();

function split(id: number, plain: Buffer): DataKey {
  return {
    id,
    cipher: plain.subarray(0, 16),
    blind: plain.subarray(16, 48),
    fingerprint: plain.subarray(48, 80),
  };
}

/** A new data key for a dataset, stored wrapped, in the caller's transaction. */
export async function newDataKey(trx: Trx, config: Config, now: Date): Promise<DataKey> {
  const k = await kek(trx, config);
  const plain = randomBytes(80);
  const iv = randomBytes(16);
  const wrapped = Buffer.concat([iv, sm4CbcEncrypt(k.wrap, iv, plain)]);
  const row = await trx
    .insertInto('agg_data_key')
    .values({ wrapped, mac: hmacSm3(k.mac, wrapped), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return split(row.id, plain);
}

/** A dataset's data key, unwrapped (and checked) once per process. */
export async function dataKey(db: Db | Trx, config: Config, id: number): Promise<DataKey> {
  let byId = cache.get(config);
  if (!byId) {
    byId = new Map();
    cache.set(config, byId);
  }
  const hit = byId.get(id);
  if (hit) return hit;
  const row = await db
    .selectFrom('agg_data_key')
    .select(['wrapped', 'mac'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new Error(`agg_data_key ${id} missing`);
  const k = await kek(db, config);
  const wrapped = Buffer.from(row.wrapped);
  if (!hmacSm3Verify(k.mac, wrapped, Buffer.from(row.mac)))
    throw new DomainError(500, 'records-key-mismatch', '数据密钥校验失败', {
      article: 'Art. 38',
      detail: '数据密钥与当前记录密钥文件不匹配（密钥文件被替换，或数据库中的密钥被改动）。',
    });
  const key = split(id, sm4CbcDecrypt(k.wrap, wrapped.subarray(0, 16), wrapped.subarray(16)));
  byId.set(id, key);
  return key;
}

// Per row, once per key and once per row: the TypeScript SM3 with the key's state computed once
// (byte-identical to OpenSSL's; kernel/crypto/sm3-fast.ts) saves the ~8 µs per call of a new OpenSSL
// context — 5× for the blind index, ~1.5× for the longer fingerprint.
const blinders = new WeakMap<DataKey, (canonical: string) => Buffer>();

/** The blind index of a record key: HMAC-SM3 under the dataset's blind key. */
export function blindIndex(key: DataKey, canonical: string): Buffer {
  let mac = blinders.get(key);
  if (!mac) {
    mac = hmacSm3Keyed(key.blind);
    blinders.set(key, mac);
  }
  return mac(canonical);
}

/** A keyed SM3 fingerprint maker (the key absorbed once). */
export function fingerprinter(key: DataKey): (canonical: string) => Buffer {
  const hash = sm3Prefixed(key.fingerprint);
  return (canonical) => hash(canonical).subarray(0, 8);
}
