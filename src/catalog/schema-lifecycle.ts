import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';

// Catalog lifecycle (Art. 15, 16): the agencies that follow an entry (its users, who must be told
// before it goes away) and the revocation of an entry with its grace period. The update and
// revocation matters themselves live in the matters engine; these tables hold what the catalog
// needs to know of them.

export interface CatalogSubscriptionTable {
  entry_id: number;
  agency_id: number;
  since: Date;
  created_by: string;
}

export type ChangeKind = 'law' | 'duty';

/** Art. 15: a recorded change of law or duty and the matter (目录更新) it opened. */
export interface CatalogUpdateTable {
  matter_id: number;
  entry_id: number;
  kind: ChangeKind;
  description: string;
  changed_on: string;
  recorded_at: Date;
  recorded_by: string;
  /** When that matter ended (completed by a submission, or ended by a revocation). */
  closed_at: Date | null;
  /** The version whose submission completed the update. */
  submitted_version: number | null;
}

export type RevocationStatus = 'requested' | 'refused' | 'revoking' | 'revoked';

export interface CatalogRevocationTable {
  matter_id: number;
  entry_id: number;
  status: RevocationStatus;
  reason: string;
  requested_at: Date;
  requested_by: string;
  decided_at: Date | null;
  /** Art. 16: the last day the provider keeps providing (approval + 6 months); null until approved. */
  effective_on: string | null;
  /** The end of that day, Beijing time: after it the job revokes the entry. */
  grace_ends_at: Date | null;
  /** The catalog.revocation.grace rule version that set the date (later versions never move it). */
  rule_version_id: number | null;
  /** The users when approved (subscriptions now; share grants later). */
  user_count: number | null;
  /** The version that was published when the entry was revoked (others no longer see it). */
  last_version: number | null;
  revoked_at: Date | null;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    catalog_subscription: CatalogSubscriptionTable;
    catalog_update: CatalogUpdateTable;
    catalog_revocation: CatalogRevocationTable;
  }
}

export const lifecycleMigrations: NamedMigration[] = [
  {
    name: '3002_catalog_lifecycle',
    async up(db: Kysely<any>) {
      await sql`
        create table catalog_subscription (
          entry_id int not null references catalog_entry(id) on delete cascade,
          agency_id int not null references agency(id),
          since timestamptz not null,
          created_by text not null,
          primary key (entry_id, agency_id)
        );
        create index catalog_subscription_agency on catalog_subscription (agency_id);
        create table catalog_update (
          matter_id int primary key references matter(id),
          entry_id int not null references catalog_entry(id) on delete cascade,
          kind text not null check (kind in ('law','duty')),
          description text not null,
          changed_on date not null,
          recorded_at timestamptz not null,
          recorded_by text not null,
          closed_at timestamptz,
          submitted_version int
        );
        create index catalog_update_open on catalog_update (entry_id) where closed_at is null;
        create table catalog_revocation (
          matter_id int primary key references matter(id),
          entry_id int not null references catalog_entry(id) on delete cascade,
          status text not null check (status in ('requested','refused','revoking','revoked')),
          reason text not null,
          requested_at timestamptz not null,
          requested_by text not null,
          decided_at timestamptz,
          effective_on date,
          grace_ends_at timestamptz,
          rule_version_id int,
          user_count int,
          last_version int,
          revoked_at timestamptz
        );
        -- One revocation at a time per entry (Art. 16).
        create unique index catalog_revocation_live on catalog_revocation (entry_id)
          where status in ('requested','revoking','revoked');
        create index catalog_revocation_due on catalog_revocation (grace_ends_at) where status = 'revoking';
      `.execute(db);
    },
  },
];
