import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { hmacSm3, hmacSm3Verify } from '../crypto/index.ts';

// The checkpoint key lives OUTSIDE the database: whoever can rewrite the database (a DBA, an injected
// statement, a restored backup) must not also be able to re-sign the chain head.
//
// HMAC-SM3 rather than SM2: the processes that write checkpoints are the ones that verify them (the
// servers and `govdata ledger verify` on the same hosts), so a shared secret gives the same protection
// against a database-only attacker at a fraction of the cost, with Node's OpenSSL and a 32-byte key
// file an operator can copy to each host. SM2 would pay off only for verifiers who must not be able to
// sign (an outside auditor holding just the public key); `algorithm`/`key_id` on each checkpoint leave
// room for it.
export const CHECKPOINT_ALGORITHM = 'HMAC-SM3';

export interface LedgerFiles {
  /** The secret key: 32 random bytes as hex, mode 0600. */
  keyFile: string;
  /** Append-only copy of every checkpoint, one JSON object a line. */
  checkpointFile: string;
}

/** Where the key and the outside checkpoint copy live (env overrides; defaults under the data folder). */
export function ledgerFiles(config: Config, env: NodeJS.ProcessEnv = process.env): LedgerFiles {
  return {
    keyFile: path.resolve(
      env.GOVDATA_LEDGER_KEY_FILE || path.join(config.dataDir, 'keys', 'ledger-checkpoint.key'),
    ),
    checkpointFile: path.resolve(
      env.GOVDATA_LEDGER_CHECKPOINT_FILE || path.join(config.dataDir, 'ledger-checkpoints.jsonl'),
    ),
  };
}

export interface CheckpointKey {
  /** Names the key without revealing it, so a checkpoint signed by another key is told apart. */
  id: string;
  secret: Buffer;
  file: string;
}

const KEY_BYTES = 32;

function toKey(secret: Buffer, file: string): CheckpointKey {
  return { id: hmacSm3(secret, 'govdata.ledger.key-id').toString('hex').slice(0, 16), secret, file };
}

/** Reads the key file; null when it does not exist. */
export function readCheckpointKey(file: string): CheckpointKey | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new Error(`留痕检查点密钥文件格式不正确（应为 64 位十六进制）：${file}`);
  }
  return toKey(Buffer.from(text, 'hex'), file);
}

/**
 * Reads the key, creating it (random 32 bytes, mode 0600) when absent. Creation goes through a
 * temporary file and a hard link, so two processes starting at once end up with the same key.
 */
export function readOrCreateCheckpointKey(file: string): { key: CheckpointKey; created: boolean } {
  const existing = readCheckpointKey(file);
  if (existing) return { key: existing, created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  let created = true;
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    created = false;
  } finally {
    fs.unlinkSync(tmp);
  }
  return { key: readCheckpointKey(file)!, created };
}

/** True when the key file can be read by others than its owner (worth a warning, not a refusal). */
export function keyFileTooOpen(file: string): boolean {
  try {
    return (fs.statSync(file).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

export interface SignedHead {
  seq: number;
  headHash: string;
  time: Date;
}

const message = (h: SignedHead) =>
  `govdata.ledger.checkpoint.v1\n${h.seq}\n${h.headHash}\n${h.time.toISOString()}`;

export function signHead(key: CheckpointKey, h: SignedHead): string {
  return hmacSm3(key.secret, message(h)).toString('hex');
}

export function headSignatureValid(key: CheckpointKey, h: SignedHead, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(signature)) return false;
  return hmacSm3Verify(key.secret, message(h), Buffer.from(signature, 'hex'));
}
