import { type Generated, type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';
import { logicalSourceMigration } from './schema-logical.ts';
import { pullMigration } from './schema-pulls.ts';

// Ch. 4 汇聚: datasets bound to published catalog entries, their loads and their records.
//
// Records are append-only (Art. 41: no change or deletion without a trace): a changed row is a new
// version, a key gone from a full load gets a tombstone version, and nothing is ever updated. A
// version counts once its load is committed; the latest committed version of a key is the current
// one, and "as of" a past time is the latest whose load was committed by then (loads of one dataset
// run one at a time, so load ids follow commit order). A load writes its versions in chunks, each its
// own transaction (bounded memory, live progress), all invisible until the load's last transaction
// marks it committed — so a load killed midway leaves the dataset exactly as it was.
//
// Art. 38: items graded 重要/核心 and personal-information items are stored SM4-encrypted under the
// dataset's data key (wrapped by the records key kept outside the database, keys.ts); the record key
// is found by an HMAC-SM3 blind index (key_hash), never stored in clear when it is protected.
// dataset_id leads every key: the distribution key for Citus (DESIGN: scale-out path).

export type LoadKind = 'full' | 'incremental';
export type LoadStatus =
  | 'running'
  | 'awaiting_confirmation'
  | 'committed'
  | 'failed'
  | 'rejected'
  | 'cancelled';

export interface AggDataKeyTable {
  id: Generated<number>;
  /** SM4-CBC(KEK, data key ‖ blind key) with its IV in front; MAC = HMAC-SM3 over it (keys.ts). */
  wrapped: Uint8Array;
  mac: Uint8Array;
  created_at: Date;
}

export interface AggDatasetTable {
  id: Generated<number>;
  entry_id: number;
  entry_version: number;
  provider_agency_id: number;
  region_code: string;
  name: string;
  mode: 'physical' | 'logical';
  /** Item codes whose values identify a record. */
  key_items: string[];
  /** Art. 19: a load whose rejected share exceeds this is rejected whole. */
  error_threshold: string;
  /** Art. 18: a full load closing more than this share of the records waits for confirmation. */
  close_guard: string;
  data_key_id: number;
  created_at: Date;
  created_by: string;
}

export interface AggColumnTable {
  dataset_id: number;
  position: number;
  item_code: string;
  item_name: string;
  /** The file column it is read from (header text); defaults to the item name. */
  source_name: string;
  data_type: string;
  pi_kind: string | null;
  grade_code: string;
  /** Art. 38: stored SM4-encrypted. */
  protected: boolean;
  /** Declared quality rules (quality/types.ts Rule[]). */
  rules: unknown;
}

export interface AggLoadTable {
  id: Generated<string>;
  dataset_id: number;
  kind: LoadKind;
  source: string;
  file_name: string | null;
  status: LoadStatus;
  started_at: Date;
  started_by: string;
  heartbeat_at: Date;
  finished_at: Date | null;
  committed_at: Date | null;
  bytes_total: string | null;
  bytes_read: Generated<string>;
  rows_read: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  rows_added: Generated<number>;
  rows_changed: Generated<number>;
  rows_unchanged: Generated<number>;
  rows_closed: Generated<number>;
  report: unknown | null;
  error: string | null;
}

export interface AggRecordTable {
  dataset_id: number;
  key_hash: Uint8Array;
  load_id: string;
  /** Keyed SM3 of the row's values (8 bytes): change detection, and integrity of decrypted rows. */
  row_fp: string;
  tombstone: Generated<boolean>;
  /** The values not protected, by item code. */
  data: unknown | null;
  /** The protected values (JSON by item code), SM4-CTR: IV ‖ ciphertext. */
  secret: Uint8Array | null;
}

export interface AggRejectedRowTable {
  load_id: string;
  row_number: number;
  reason: string;
  /** The row's cells as read (JSON array), SM4-encrypted: they may hold personal data (Art. 33). */
  cells: Uint8Array;
}

export interface AggReconciliationTable {
  id: Generated<string>;
  dataset_id: number;
  provider_agency_id: number;
  /** The Beijing day of the run. */
  day: string;
  last_load_at: Date | null;
  due_at: Date | null;
  late: boolean;
  current_rows: number;
  previous_rows: number | null;
  change_ratio: string | null;
  change_flagged: boolean;
  /** Rejected share of the last finished loads, oldest first. */
  error_rates: number[];
  quality_trend: 'improving' | 'stable' | 'worsening' | 'none';
  created_at: Date;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    agg_reconciliation: AggReconciliationTable;
    agg_data_key: AggDataKeyTable;
    agg_dataset: AggDatasetTable;
    agg_column: AggColumnTable;
    agg_load: AggLoadTable;
    agg_record: AggRecordTable;
    agg_rejected_row: AggRejectedRowTable;
  }
}

export const aggregationMigrations: NamedMigration[] = [
  {
    name: '4000_aggregation',
    async up(db: Kysely<any>) {
      await sql
        .raw(`
        create table agg_data_key (
          id serial primary key,
          wrapped bytea not null,
          mac bytea not null,
          created_at timestamptz not null
        );
        create table agg_dataset (
          id serial primary key,
          entry_id int not null unique,
          entry_version int not null,
          provider_agency_id int not null,
          region_code text not null,
          name text not null,
          mode text not null check (mode in ('physical', 'logical')),
          key_items text[] not null,
          error_threshold numeric(5, 4) not null default 0.05 check (error_threshold between 0 and 1),
          close_guard numeric(5, 4) not null default 0.20 check (close_guard between 0 and 1),
          data_key_id int not null references agg_data_key (id),
          created_at timestamptz not null,
          created_by text not null
        );
        create table agg_column (
          dataset_id int not null references agg_dataset (id),
          position int not null,
          item_code text not null,
          item_name text not null,
          source_name text not null,
          data_type text not null,
          pi_kind text,
          grade_code text not null,
          protected boolean not null,
          rules jsonb not null,
          primary key (dataset_id, item_code),
          unique (dataset_id, position)
        );
        create table agg_load (
          id bigserial primary key,
          dataset_id int not null references agg_dataset (id),
          kind text not null check (kind in ('full', 'incremental')),
          source text not null,
          file_name text,
          status text not null check (status in ('running', 'awaiting_confirmation', 'committed', 'failed', 'rejected')),
          started_at timestamptz not null,
          started_by text not null,
          heartbeat_at timestamptz not null,
          finished_at timestamptz,
          committed_at timestamptz,
          bytes_total bigint,
          bytes_read bigint not null default 0,
          rows_read int not null default 0,
          rows_accepted int not null default 0,
          rows_rejected int not null default 0,
          rows_added int not null default 0,
          rows_changed int not null default 0,
          rows_unchanged int not null default 0,
          rows_closed int not null default 0,
          report jsonb,
          error text
        );
        create index agg_load_dataset on agg_load (dataset_id, id);
        -- At most one load of a dataset in progress.
        create unique index agg_load_one_open on agg_load (dataset_id)
          where status in ('running', 'awaiting_confirmation');
        create table agg_record (
          dataset_id int not null,
          key_hash bytea not null,
          load_id bigint not null references agg_load (id),
          row_fp bigint not null,
          tombstone boolean not null default false,
          data jsonb,
          secret bytea
        );
        -- The latest version of a key first: "current" and "as of" read it with DISTINCT ON.
        create unique index agg_record_key on agg_record (dataset_id, key_hash, load_id desc);
        create index agg_record_load on agg_record (load_id);
        -- Art. 41: a record is never changed, and once its load is committed never removed; only the
        -- versions of a load that failed or was withdrawn (never visible) may be cleared away.
        create function agg_record_guard() returns trigger language plpgsql as $$
        begin
          if tg_op = 'UPDATE' then
            raise exception 'agg_record is append-only (Art. 41): a change is a new version';
          end if;
          if exists (select 1 from agg_load l where l.id = old.load_id and l.status = 'committed') then
            raise exception 'agg_record of a committed load cannot be deleted (Art. 41)';
          end if;
          return old;
        end $$;
        create trigger agg_record_guard before update or delete on agg_record
          for each row execute function agg_record_guard();
        create table agg_rejected_row (
          load_id bigint not null references agg_load (id),
          row_number int not null,
          reason text not null,
          cells bytea not null,
          primary key (load_id, row_number)
        );
      `)
        .execute(db);
    },
  },
  {
    // Art. 19 日常对账: one report per dataset and Beijing day.
    name: '4001_aggregation_reconciliation',
    async up(db: Kysely<any>) {
      await sql
        .raw(`
        create table agg_reconciliation (
          id bigserial primary key,
          dataset_id int not null references agg_dataset (id),
          provider_agency_id int not null,
          day date not null,
          last_load_at timestamptz,
          due_at timestamptz,
          late boolean not null,
          current_rows int not null,
          previous_rows int,
          change_ratio numeric(12, 4),
          change_flagged boolean not null,
          error_rates double precision[] not null,
          quality_trend text not null check (quality_trend in ('improving', 'stable', 'worsening', 'none')),
          created_at timestamptz not null,
          unique (dataset_id, day)
        );
        create index agg_reconciliation_provider on agg_reconciliation (provider_agency_id, day);
      `)
        .execute(db);
    },
  },
  {
    // A held full load the provider withdrew reads as 已撤销, not as a failure.
    name: '4002_aggregation_load_cancelled',
    async up(db: Kysely<any>) {
      await sql
        .raw(`
        alter table agg_load drop constraint agg_load_status_check;
        alter table agg_load add constraint agg_load_status_check check (status in
          ('running', 'awaiting_confirmation', 'committed', 'failed', 'rejected', 'cancelled'));
      `)
        .execute(db);
    },
  },
  logicalSourceMigration,
  pullMigration,
  {
    // A million-row load pays per row for every check on agg_record: the foreign key to agg_load (a
    // lookup per row, ~40 % of the insert), the load_id index (used only to clear a failed load, which
    // finds its rows through the dataset's key index instead) and jsonb's binary conversion (json
    // keeps the text, checked). Loads are never deleted, so no record can lose its load: a trigger
    // refuses deleting one, which the foreign key guaranteed before.
    name: '4006_aggregation_record_lean',
    async up(db: Kysely<any>) {
      await sql
        .raw(`
        alter table agg_record drop constraint agg_record_load_id_fkey;
        drop index agg_record_load;
        alter table agg_record alter column data type json using data::json;
        create function agg_load_guard() returns trigger language plpgsql as $$
        begin
          raise exception 'agg_load is never deleted (Art. 41): its records point at it';
        end $$;
        create trigger agg_load_guard before delete on agg_load
          for each row execute function agg_load_guard();
      `)
        .execute(db);
    },
  },
];
