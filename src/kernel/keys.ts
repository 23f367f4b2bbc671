import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

// Secret keys live in files outside the database (a stolen dump must not carry them):
// `<dataDir>/keys/<name>.key`, or the file named by GOVDATA_<NAME>_KEY_FILE. A missing key is
// created once with 32 random bytes, readable by the owner only. Never commit a key.
const cache = new Map<string, Buffer>();

export function keyFilePath(config: Config, name: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[`GOVDATA_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_KEY_FILE`];
  return override ? path.resolve(override) : path.join(config.dataDir, 'keys', `${name}.key`);
}

export function secretKey(config: Config, name: string, bytes = 32): Buffer {
  const file = keyFilePath(config, name);
  const hit = cache.get(file);
  if (hit) return hit;
  let key: Buffer;
  try {
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    key = randomBytes(bytes);
    try {
      fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (w) {
      // Another process created it first: use theirs.
      if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w;
      key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    }
  }
  if (key.length < 16) throw new Error(`key file ${file} holds fewer than 16 bytes`);
  cache.set(file, key);
  return key;
}
