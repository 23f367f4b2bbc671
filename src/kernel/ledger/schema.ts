import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../db/migrate.ts';

export interface LedgerEventTable {
  seq: number;
  time: Date;
  actor: string;
  agency: string | null;
  action: string;
  subject: string;
  details: unknown;
  prev_hash: string;
  hash: string;
}

export interface LedgerCheckpointTable {
  seq: number;
  head_hash: string;
  time: Date;
  algorithm: string;
  key_id: string;
  signature: string;
}

declare module '../db/schema.ts' {
  interface Database {
    ledger_event: LedgerEventTable;
    ledger_checkpoint: LedgerCheckpointTable;
  }
}

export const ledgerMigrations: NamedMigration[] = [
  {
    name: '0010_ledger',
    async up(db: Kysely<any>) {
      await sql`
        create table ledger_event (
          seq bigint primary key,
          time timestamptz not null,
          actor text not null,
          agency text,
          action text not null,
          subject text not null,
          details jsonb not null default '{}'::jsonb,
          prev_hash char(64) not null,
          hash char(64) not null unique
        );
        create index ledger_event_subject on ledger_event (subject, seq);
        create index ledger_event_action on ledger_event (action, seq);
        create table ledger_checkpoint (
          seq bigint primary key,
          head_hash char(64) not null,
          time timestamptz not null,
          algorithm text not null,
          key_id text not null,
          signature text not null
        );
        -- Art. 11 (全程留痕): the record is append-only; the database itself refuses changes.
        create function ledger_refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception '留痕记录只能追加，不可修改、删除或清空 (%)', tg_table_name
            using errcode = 'insufficient_privilege';
        end $$;
        create trigger ledger_event_no_update before update or delete on ledger_event
          for each row execute function ledger_refuse_change();
        create trigger ledger_event_no_truncate before truncate on ledger_event
          for each statement execute function ledger_refuse_change();
        create trigger ledger_checkpoint_no_update before update or delete on ledger_checkpoint
          for each row execute function ledger_refuse_change();
        create trigger ledger_checkpoint_no_truncate before truncate on ledger_checkpoint
          for each statement execute function ledger_refuse_change();
      `.execute(db);
    },
  },
];
