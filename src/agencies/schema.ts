import { type Generated, type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';
import { loadRegionCodes } from './region-codes.ts';

export type RegionLevel = 'province' | 'city' | 'county';
export type AgencyKind = 'authority' | 'department' | 'coordination';
export type AccountKind = 'staff' | 'public';

export interface RegionTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}

export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string;
  kind: AgencyKind;
  level: RegionLevel;
  region_code: string;
  /** Art. 5: the data authority that supervises this agency (null for the provincial authority). */
  supervising_agency_id: number | null;
  uscc: string | null;
  display_order: Generated<number>;
  created_at: Date;
}

export interface AgencyOfficerTable {
  id: Generated<number>;
  agency_id: number;
  name: string;
  title: string;
  phone: string | null;
  email: string | null;
  is_primary: Generated<boolean>;
}

export interface AccountTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  kind: AccountKind;
  agency_id: number | null;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  public_subject: 'natural' | 'legal' | null;
  /** A legal person's USCC (GB 32100). */
  uscc: string | null;
  /** Public accounts: mobile number. */
  phone: string | null;
  /** A natural person's ID number, masked: only the region and the last four are kept. */
  id_card_masked: string | null;
  /** A legal person's contact person. */
  contact_name: string | null;
  disabled: Generated<boolean>;
  created_at: Date;
  last_login_at: Date | null;
}

export interface AccountRoleTable {
  account_id: number;
  role: string;
}

export interface SessionTable {
  token_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    region: RegionTable;
    agency: AgencyTable;
    agency_officer: AgencyOfficerTable;
    account: AccountTable;
    account_role: AccountRoleTable;
    session: SessionTable;
  }
}

export const agencyMigrations: NamedMigration[] = [
  {
    name: '1000_agencies',
    async up(db: Kysely<any>) {
      await sql`
        create table region (
          code char(6) primary key,
          name text not null,
          level text not null check (level in ('province','city','county')),
          parent_code char(6) references region(code)
        );
        create index region_parent on region (parent_code);
        create table agency (
          id serial primary key,
          code text not null unique,
          name text not null unique,
          short_name text not null,
          kind text not null check (kind in ('authority','department','coordination')),
          level text not null check (level in ('province','city','county')),
          region_code char(6) not null references region(code),
          supervising_agency_id int references agency(id),
          uscc char(18),
          display_order int not null default 0,
          created_at timestamptz not null
        );
        create index agency_region on agency (region_code);
        -- Art. 5: one data authority per administrative region.
        create unique index agency_one_authority_per_region on agency (region_code) where kind = 'authority';
        create table agency_officer (
          id serial primary key,
          agency_id int not null references agency(id),
          name text not null,
          title text not null,
          phone text,
          email text,
          is_primary boolean not null default false
        );
        create index agency_officer_agency on agency_officer (agency_id);
        create table account (
          id serial primary key,
          username text not null unique,
          display_name text not null,
          kind text not null check (kind in ('staff','public')),
          agency_id int references agency(id),
          password_hash text not null,
          password_changed_at timestamptz not null,
          must_change_password boolean not null default false,
          failed_attempts int not null default 0,
          locked_until timestamptz,
          public_subject text check (public_subject in ('natural','legal')),
          uscc char(18),
          phone text,
          id_card_masked text,
          contact_name text,
          disabled boolean not null default false,
          created_at timestamptz not null,
          last_login_at timestamptz,
          check ((kind = 'staff') = (agency_id is not null))
        );
        create table account_role (
          account_id int not null references account(id),
          role text not null,
          primary key (account_id, role)
        );
        create table session (
          token_hash char(64) primary key,
          account_id int not null references account(id),
          csrf_token text not null,
          created_at timestamptz not null,
          last_seen_at timestamptz not null
        );
        create index session_account on session (account_id);
      `.execute(db);
    },
  },
  {
    // GB/T 2260 reference data: the whole country, Heilongjiang in full (reference/regions/).
    name: '1001_regions',
    up: (db: Kysely<any>) => loadRegionCodes(db),
  },
];
