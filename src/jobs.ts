import { runDuePulls } from './aggregation/pulls.ts';
import { reconciliationJob } from './aggregation/reconciliation.ts';
import { revocationJob } from './catalog/revocation.ts';
import { searchChangesJob } from './catalog/search-index.ts';
import type { Ctx } from './kernel/context.ts';
import { refreshPlannerStatistics } from './kernel/db/maintenance.ts';
import { checkpointJob } from './kernel/ledger/checkpoint.ts';
import { sweepDeadlines } from './matters/index.ts';
import { deliverWebhooks } from './messages/delivery.ts';

interface Job {
  name: string;
  everyMs: number;
  run(ctx: Ctx, holder: string): Promise<unknown>;
}

// Periodic jobs of a server process. Each run takes a database lease inside `run`, so with
// several processes each run happens once.
export const JOBS = (ctx: Ctx): Job[] => [
  { name: 'ledger checkpoint', everyMs: ctx.config.checkpointIntervalSeconds * 1000, run: checkpointJob },
  // Art. 42: overdue deadlines are marked (once, under the lease) and their agencies warned.
  { name: 'deadline sweep', everyMs: ctx.config.sweepIntervalSeconds * 1000, run: sweepDeadlines },
  { name: 'webhook delivery', everyMs: 20_000, run: deliverWebhooks },
  // Art. 16: entries whose 6 months of continued provision have run out are revoked.
  { name: 'catalog revocation', everyMs: 10 * 60_000, run: revocationJob },
  // The change notes of the search index (catalog_search_change) older than a day.
  { name: 'catalog search changes', everyMs: 60 * 60_000, run: searchChangesJob },
  // Art. 19: the daily reconciliation of every dataset (once a Beijing day; tried hourly).
  { name: 'aggregation reconciliation', everyMs: 60 * 60_000, run: reconciliationJob },
  // Art. 18: scheduled pulls whose time has come (each claimed by one process).
  { name: 'aggregation pulls', everyMs: 60_000, run: runDuePulls },
  { name: 'planner statistics', everyMs: 15 * 60_000, run: refreshPlannerStatistics },
];

export function startJobs(ctx: Ctx, holder: string): () => void {
  const running = new Set<string>();
  const tick = (job: Job) => {
    // A slow run is not overlapped by the next tick of the same job in this process.
    if (running.has(job.name)) return;
    running.add(job.name);
    job
      .run(ctx, holder)
      .then((result) => ctx.log.debug({ job: job.name, result }, 'job ran'))
      .catch((err) => ctx.log.error({ err, job: job.name }, 'job failed'))
      .finally(() => running.delete(job.name));
  };
  const jobs = JOBS(ctx);
  // First runs shortly after start (a checkpoint need not wait a whole interval), then on schedule.
  const timers = jobs.flatMap((job) => [
    setTimeout(() => tick(job), 2_000),
    setInterval(() => tick(job), job.everyMs),
  ]);
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
