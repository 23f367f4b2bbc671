import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';
import type { LoadKind } from './schema.ts';

// Art. 18 定时拉取: a dataset's scheduled pull from its department's HTTP JSON interface. One per
// dataset; the job claims a due pull by moving next_run_at in one statement, so with several
// server processes each run happens once (and agg_load_one_open refuses a second open load anyway).

export interface AggPullTable {
  dataset_id: number;
  url: string;
  kind: LoadKind;
  every_minutes: number;
  /** Dotted path of the records array in the answer; null: found by the JSON reader. */
  array_path: string | null;
  /** Request headers (JSON object, e.g. an access token), SM4-CTR under the dataset's data key. */
  headers_sealed: Uint8Array | null;
  enabled: boolean;
  /** The provider's data officer the pulled loads run as (their permission is checked at each run). */
  run_as: string;
  next_run_at: Date;
  last_run_at: Date | null;
  last_load_id: string | null;
  last_error: string | null;
  updated_at: Date;
  updated_by: string;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    agg_pull: AggPullTable;
  }
}

export const pullMigration: NamedMigration = {
  name: '4004_aggregation_pull',
  async up(db: Kysely<any>) {
    await sql
      .raw(`
      create table agg_pull (
        dataset_id int primary key references agg_dataset (id),
        url text not null,
        kind text not null check (kind in ('full', 'incremental')),
        every_minutes int not null check (every_minutes between 15 and 44640),
        array_path text,
        headers_sealed bytea,
        enabled boolean not null,
        run_as text not null,
        next_run_at timestamptz not null,
        last_run_at timestamptz,
        last_load_id bigint references agg_load (id),
        last_error text,
        updated_at timestamptz not null,
        updated_by text not null
      );
      create index agg_pull_due on agg_pull (next_run_at) where enabled;
    `)
      .execute(db);
  },
};
