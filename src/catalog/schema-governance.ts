import { type Generated, type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';

// Catalog governance: the lead department of a data element several agencies collect (Art. 17), an
// agency's duties from its 三定 list and the entries that cover them (Art. 12 全量编目). Overlap
// justifications live in the review matter's data and the ledger, so they need no table here.

export interface CatalogLeadDepartmentTable {
  data_element_id: number;
  /** The designating authority's region: the designation holds there and in the regions below. */
  region_code: string;
  agency_id: number;
  basis: string;
  designated_by_agency_id: number;
  designated_at: Date;
  designated_by: string;
}

/** Art. 17: the distinct item names (one per key), so similar names are looked up among few rows. */
export interface CatalogItemNameTable {
  key: string;
  name: string;
}

export interface CatalogDutyTable {
  id: Generated<number>;
  agency_id: number;
  name: string;
  basis: string | null;
  sort_order: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

export interface CatalogDutyEntryTable {
  duty_id: number;
  entry_id: number;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    catalog_lead_department: CatalogLeadDepartmentTable;
    catalog_item_name: CatalogItemNameTable;
    catalog_duty: CatalogDutyTable;
    catalog_duty_entry: CatalogDutyEntryTable;
  }
}

export const governanceMigrations: NamedMigration[] = [
  {
    name: '3003_catalog_governance',
    async up(db: Kysely<any>) {
      await sql`
        create extension if not exists pg_trgm;
        -- Art. 17: two item names are the same when equal but for case, spaces and punctuation; a
        -- function, so the expression index and the queries cannot drift apart.
        create function catalog_item_key(text) returns text
          language sql immutable parallel safe
          as $$ select lower(regexp_replace($1, '[[:space:][:punct:]（）【】《》〈〉「」『』、，。：；！？“”‘’·—…]+', '', 'g')) $$;
        -- Art. 17: the duplicate-collection check finds the items of a key by an index-only scan, the
        -- similar names among the distinct ones (kept by a trigger), similar entries by name.
        create index catalog_data_item_key on catalog_data_item (catalog_item_key(name)) include (version_id, name);
        create index catalog_data_item_element_version on catalog_data_item (data_element_id, version_id)
          where data_element_id is not null;
        create index catalog_entry_version_name_trgm on catalog_entry_version using gin (name gin_trgm_ops);
        create table catalog_item_name (
          key text primary key,
          name text not null
        );
        create index catalog_item_name_trgm on catalog_item_name using gin (name gin_trgm_ops);
        create function catalog_item_name_note() returns trigger language plpgsql as $$
        begin
          insert into catalog_item_name (key, name)
          select distinct on (k) k, name from (select catalog_item_key(name) as k, name from new_items) n
          where k <> '' order by k, name
          on conflict (key) do nothing;
          return null;
        end $$;
        create trigger catalog_item_name_insert after insert on catalog_data_item
          referencing new table as new_items for each statement execute function catalog_item_name_note();
        create trigger catalog_item_name_update after update on catalog_data_item
          referencing new table as new_items for each statement execute function catalog_item_name_note();
        insert into catalog_item_name (key, name)
          select distinct on (catalog_item_key(name)) catalog_item_key(name), name from catalog_data_item
          where catalog_item_key(name) <> '' order by catalog_item_key(name), name;
        create table catalog_lead_department (
          data_element_id int not null references catalog_data_element(id),
          region_code char(6) not null,
          agency_id int not null references agency(id),
          basis text not null,
          designated_by_agency_id int not null references agency(id),
          designated_at timestamptz not null,
          designated_by text not null,
          primary key (data_element_id, region_code)
        );
        create table catalog_duty (
          id serial primary key,
          agency_id int not null references agency(id),
          name text not null,
          basis text,
          sort_order int not null default 0,
          created_at timestamptz not null,
          created_by text not null,
          updated_at timestamptz not null,
          updated_by text not null,
          constraint catalog_duty_name_unique unique (agency_id, name)
        );
        create table catalog_duty_entry (
          duty_id int not null references catalog_duty(id) on delete cascade,
          entry_id int not null references catalog_entry(id) on delete cascade,
          primary key (duty_id, entry_id)
        );
        create index catalog_duty_entry_entry on catalog_duty_entry (entry_id);
      `.execute(db);
    },
  },
];
