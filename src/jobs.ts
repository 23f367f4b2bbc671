import type { Ctx } from './kernel/context.ts';
import { checkpointJob } from './kernel/ledger/checkpoint.ts';

// Periodic jobs of a server process. Each takes a database lease, so with several processes
// each run happens once.
export function startJobs(ctx: Ctx, holder: string): () => void {
  const timers = [
    setInterval(
      () =>
        void checkpointJob(ctx, holder).catch((err) => ctx.log.error({ err }, 'ledger checkpoint failed')),
      ctx.config.checkpointIntervalSeconds * 1000,
    ),
  ];
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
