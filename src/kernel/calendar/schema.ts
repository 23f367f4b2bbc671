import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../db/migrate.ts';
import { REFERENCE_YEARS, readReferenceYear } from './reference.ts';

export interface CalendarYearTable {
  year: number;
  /** The notice the year's arrangement comes from (国务院办公厅关于…年部分节假日安排的通知). */
  source: string;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
  /** The acting agency's id (no foreign key: the kernel does not depend on the agencies module). */
  updated_by_agency_id: number | null;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
}

/** One row: bumped (from a sequence) by every change, so each process sees when to reload. */
export interface CalendarVersionTable {
  id: boolean;
  version: number;
}

declare module '../db/schema.ts' {
  interface Database {
    calendar_year: CalendarYearTable;
    calendar_day: CalendarDayTable;
    calendar_version: CalendarVersionTable;
  }
}

export const calendarMigrations: NamedMigration[] = [
  {
    name: '0200_calendar',
    async up(db: Kysely<any>) {
      await sql`
        create table calendar_year (
          year int primary key check (year between 1900 and 9999),
          source text not null check (length(btrim(source)) > 0),
          created_at timestamptz not null,
          created_by text not null,
          updated_at timestamptz not null,
          updated_by text not null,
          updated_by_agency_id int
        );
        create table calendar_day (
          date date primary key,
          year int not null references calendar_year(year),
          kind text not null check (kind in ('holiday','workday')),
          name text not null check (length(btrim(name)) > 0),
          check (extract(year from date)::int = year),
          -- 调休上班 only ever moves work onto a Saturday or Sunday.
          check (kind <> 'workday' or extract(isodow from date) in (6, 7))
        );
        create index calendar_day_year on calendar_day (year);
        create sequence calendar_version_seq;
        create table calendar_version (
          id boolean primary key default true check (id),
          version bigint not null
        );
        insert into calendar_version (id, version) values (true, nextval('calendar_version_seq'));
      `.execute(db);
      // 2025 and 2026 as the State Council's notices list them (reference/calendar/).
      for (const { year } of REFERENCE_YEARS) {
        const data = readReferenceYear(year);
        await db
          .insertInto('calendar_year')
          .values({
            year,
            source: data.source,
            created_at: sql`now()`,
            created_by: 'system',
            updated_at: sql`now()`,
            updated_by: 'system',
          })
          .execute();
        await db
          .insertInto('calendar_day')
          .values(data.days.map((d) => ({ ...d, year })))
          .execute();
      }
      await sql`update calendar_version set version = nextval('calendar_version_seq')`.execute(db);
    },
  },
];
