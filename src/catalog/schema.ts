import { type Generated, type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';
import { seedDictionaries } from './seed.ts';

// Ch. 3 catalog. Dictionaries (Art. 12: one standard, set by the provincial authority) are rows
// with a version that grows on every change and a retired_at instead of deletion; the ledger keeps
// the before/after of each change. An entry is an identity (code, provider) with versions: a
// change to a published entry will be a new version under review, earlier ones stay readable.

export type DictionaryKind = 'classes' | 'groups' | 'formats' | 'frequencies' | 'grades';
export type EntryStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'revoking' | 'revoked';
export type VersionStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'superseded';

export interface CatalogTermTable {
  dictionary: DictionaryKind;
  code: string;
  name: string;
  parent_code: string | null;
  /** Grades only: higher is stricter (就高从严 picks the highest). */
  rank: number | null;
  sort_order: number;
  description: string | null;
  version: number;
  updated_at: Date;
  updated_by: string;
  retired_at: Date | null;
}

export interface CatalogDataElementTable {
  id: Generated<number>;
  identifier: string;
  name: string;
  synonyms: string[];
  field_name: string;
  data_type: string;
  length: number | null;
  format_rule: string | null;
  standard: string | null;
  pi_kind: string | null;
  default_grade: string | null;
  version: number;
  updated_at: Date;
  updated_by: string;
  retired_at: Date | null;
}

export interface CatalogCodeSequenceTable {
  prefix: string;
  last: number;
}

export interface CatalogEntryTable {
  id: Generated<number>;
  code: string;
  provider_agency_id: number;
  /** Snapshot of the provider's level and region, for facets (level/region). */
  provider_level: string;
  provider_region_code: string;
  classification_code: string;
  status: EntryStatus;
  /** The published version others see; null before the first publication. */
  current_version: number | null;
  latest_version: number;
  first_submitted_at: Date | null;
  created_at: Date;
  created_by: string;
}

export interface CatalogEntryVersionTable {
  id: Generated<number>;
  entry_id: number;
  version: number;
  status: VersionStatus;
  name: string;
  summary: string;
  group_code: string;
  format_code: string;
  frequency_code: string;
  share_type: string;
  share_scope: string | null;
  share_purpose: string | null;
  share_legal_basis: string | null;
  open_type: string;
  open_conditions: string | null;
  open_reason: string | null;
  pi_consent_basis: string | null;
  /** Art. 14: computed from the items (就高从严), never entered. */
  grade_code: string;
  publish_date: string | null;
  /** Art. 12: the review matter of this version (opened by the engine on submission). */
  review_matter_id: number | null;
  created_at: Date;
  updated_at: Date;
  updated_by: string;
}

export interface CatalogDataItemTable {
  id: Generated<number>;
  version_id: number;
  position: number;
  name: string;
  code: string;
  data_type: string;
  length: number | null;
  required: boolean;
  pi_kind: string | null;
  grade_code: string;
  data_element_id: number | null;
  auto_bound: boolean;
}

export interface CatalogRelatedEntryTable {
  version_id: number;
  related_entry_id: number;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    catalog_term: CatalogTermTable;
    catalog_data_element: CatalogDataElementTable;
    catalog_code_sequence: CatalogCodeSequenceTable;
    catalog_entry: CatalogEntryTable;
    catalog_entry_version: CatalogEntryVersionTable;
    catalog_data_item: CatalogDataItemTable;
    catalog_related_entry: CatalogRelatedEntryTable;
  }
}

export const catalogMigrations: NamedMigration[] = [
  {
    name: '3000_catalog',
    async up(db: Kysely<any>) {
      await sql`
        create table catalog_term (
          dictionary text not null check (dictionary in ('classes','groups','formats','frequencies','grades')),
          code text not null,
          name text not null,
          parent_code text,
          rank int,
          sort_order int not null default 0,
          description text,
          version int not null default 1,
          updated_at timestamptz not null,
          updated_by text not null,
          retired_at timestamptz,
          primary key (dictionary, code)
        );
        create table catalog_data_element (
          id serial primary key,
          identifier text not null unique,
          name text not null unique,
          synonyms text[] not null default '{}',
          field_name text not null,
          data_type text not null,
          length int,
          format_rule text,
          standard text,
          pi_kind text,
          default_grade text,
          version int not null default 1,
          updated_at timestamptz not null,
          updated_by text not null,
          retired_at timestamptz
        );
        create table catalog_code_sequence (
          prefix text primary key,
          last int not null
        );
        create table catalog_entry (
          id serial primary key,
          code text not null,
          provider_agency_id int not null references agency(id),
          provider_level text not null,
          provider_region_code char(6) not null,
          classification_code text not null,
          status text not null check (status in ('draft','submitted','returned','published','revoking','revoked')),
          current_version int,
          latest_version int not null,
          first_submitted_at timestamptz,
          created_at timestamptz not null,
          created_by text not null,
          constraint catalog_entry_code_unique unique (code)
        );
        create index catalog_entry_provider on catalog_entry (provider_agency_id);
        create table catalog_entry_version (
          id serial primary key,
          entry_id int not null references catalog_entry(id) on delete cascade,
          version int not null,
          status text not null check (status in ('draft','submitted','returned','published','superseded')),
          name text not null,
          summary text not null,
          group_code text not null,
          format_code text not null,
          frequency_code text not null,
          share_type text not null check (share_type in ('无条件共享','有条件共享','不予共享')),
          share_scope text,
          share_purpose text,
          share_legal_basis text,
          open_type text not null check (open_type in ('无条件开放','有条件开放','不予开放')),
          open_conditions text,
          open_reason text,
          pi_consent_basis text,
          grade_code text not null,
          publish_date date,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          updated_by text not null,
          unique (entry_id, version)
        );
        create table catalog_data_item (
          id serial primary key,
          version_id int not null references catalog_entry_version(id) on delete cascade,
          position int not null,
          name text not null,
          code text not null,
          data_type text not null,
          length int,
          required boolean not null,
          pi_kind text,
          grade_code text not null,
          data_element_id int references catalog_data_element(id),
          auto_bound boolean not null default false,
          unique (version_id, code)
        );
        create index catalog_data_item_element on catalog_data_item (data_element_id);
        create table catalog_related_entry (
          version_id int not null references catalog_entry_version(id) on delete cascade,
          related_entry_id int not null references catalog_entry(id) on delete cascade,
          primary key (version_id, related_entry_id)
        );
      `.execute(db);
      await seedDictionaries(db);
    },
  },
  {
    name: '3001_catalog_review',
    async up(db: Kysely<any>) {
      await sql`alter table catalog_entry_version add column review_matter_id int`.execute(db);
    },
  },
];
