import path from 'node:path';

// Everything the operator can set, read once from the environment.
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  /** Folder for the embedded database, the ledger key and checkpoint copies (outside the database). */
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  logLevel: string;
  sessionIdleMinutes: number;
  checkpointIntervalSeconds: number;
  /** How often each server process tries the deadline sweep (one process wins each run). */
  sweepIntervalSeconds: number;
  /**
   * Art. 18 scheduled pulls: the hosts a dataset may be pulled from (exact names, or `*.suffix`).
   * Empty: no pulls. An allow-list, so a pull cannot be pointed at the platform's own network.
   */
  pullHosts: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.GOVDATA_DATA_DIR ?? 'data'),
    // Demo data loads by default only on the embedded database; on PostgreSQL it must be asked for.
    demo: databaseUrl ? env.GOVDATA_DEMO === '1' : env.GOVDATA_DEMO !== '0',
    demoPassword: env.GOVDATA_DEMO_PASSWORD ?? 'Demo#2026hlj',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionIdleMinutes: Number(env.GOVDATA_SESSION_IDLE_MINUTES ?? 30),
    checkpointIntervalSeconds: Number(env.GOVDATA_CHECKPOINT_SECONDS ?? 60),
    sweepIntervalSeconds: Number(env.GOVDATA_SWEEP_SECONDS ?? 60),
    pullHosts: (env.GOVDATA_PULL_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  };
}
