import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../clock.ts';
import { DomainError } from '../errors.ts';

// PGlite does not lock its folder and two writers corrupt it, so the product does: an exclusive
// lock file naming its holder. A lock left by a dead process on this host is taken over.
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  command: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireFolderLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'govdata.lock');
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    since: systemClock.now().toISOString(),
    command: process.argv.slice(1).join(' '),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const cur = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
          if (cur.pid === me.pid && cur.host === me.host) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockHolder | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
      } catch {
        holder = null;
      }
      if (holder && holder.host === me.host && !alive(holder.pid)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      const who = holder
        ? `进程 ${holder.pid}（主机 ${holder.host}，自 ${holder.since} 起，命令：${holder.command}）`
        : '未知进程';
      throw new DomainError(423, 'database-locked', '内嵌数据库正被另一进程使用', {
        detail: `数据目录 ${dir} 已被${who}占用；请先停止该进程，或为本进程设置其他 GOVDATA_DATA_DIR`,
        extra: { holder },
      });
    }
  }
  throw new Error('unreachable');
}
