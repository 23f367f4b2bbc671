import { type Generated, type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';
import { RULEBOOK_V1 } from './rulebook-v1.ts';

// Matters own three tables that only the engine writes (matter, matter_event, deadline) and the
// rulebook: the time limits as versioned data (Art. 47: the measures are valid 2 years; a successor
// will change them). Agencies are known by id only: no foreign keys into the agencies module.

export type PartyRole = 'applicant' | 'provider' | 'authority';
/** days: calendar days (a period the domain states, e.g. a dataset's update frequency, Art. 19). */
export type RuleUnit = 'working_days' | 'months' | 'days';
export type DeadlineStatus = 'open' | 'overdue' | 'met' | 'cancelled';

export interface MatterTable {
  id: Generated<number>;
  type: string;
  title: string;
  /** What the matter is about, in the domain's words, e.g. 'catalog-entry:12'. */
  subject: string;
  state: string;
  data: unknown;
  applicant_agency_id: number | null;
  provider_agency_id: number | null;
  authority_agency_id: number | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** The timeline: one row per transition (and one for the opening), never changed. */
export interface MatterEventTable {
  matter_id: number;
  seq: number;
  at: Date;
  transition: string;
  from_state: string | null;
  to_state: string;
  actor: string;
  actor_name: string;
  /** The acting agency and its name at the time (a record of the act, not a live reference). */
  agency_id: number | null;
  agency_name: string | null;
  reason: string | null;
  legal_basis: string | null;
  data: unknown;
}

export interface DeadlineTable {
  id: Generated<number>;
  matter_id: number;
  /** The state whose entry opened it, or that a transition carried it into; leaving that state meets it. */
  state: string;
  rule_key: string;
  /** The rulebook version in force on starts_on: a later version never moves this deadline. */
  rule_version_id: number;
  article: string;
  /** The rule's amount and unit as applied (rules are immutable; kept to recompute provisional dates). */
  amount: number;
  unit: RuleUnit;
  /** The party that must act. */
  responsible_agency_id: number;
  /** When the matter reached that agency (the instant counting starts from). */
  received_at: Date;
  starts_on: string;
  due_date: string;
  due_at: Date;
  provisional: boolean;
  missing_years: number[];
  status: DeadlineStatus;
  met_at: Date | null;
  cancelled_at: Date | null;
  /** Met after its due time. */
  late: boolean | null;
  extended_from: string | null;
  extension_rule_key: string | null;
  extension_rule_version_id: number | null;
  extension_days: number | null;
  created_at: Date;
}

export interface RulebookVersionTable {
  id: Generated<number>;
  name: string;
  source: string;
  effective_from: string;
  /** The instrument's own term of validity (Art. 47), informative: a version stays in force until succeeded. */
  valid_until: string | null;
  created_at: Date;
  created_by: string;
  created_by_agency_id: number | null;
}

export interface RulebookRuleTable {
  version_id: number;
  key: string;
  name: string;
  article: string;
  article_text: string;
  amount: number;
  unit: RuleUnit;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    matter: MatterTable;
    matter_event: MatterEventTable;
    deadline: DeadlineTable;
    rulebook_version: RulebookVersionTable;
    rulebook_rule: RulebookRuleTable;
  }
}

export const matterMigrations: NamedMigration[] = [
  {
    name: '2000_matters',
    async up(db: Kysely<any>) {
      await sql`
        create table rulebook_version (
          id serial primary key,
          name text not null check (length(btrim(name)) > 0),
          source text not null check (length(btrim(source)) > 0),
          effective_from date not null unique,
          valid_until date check (valid_until is null or valid_until >= effective_from),
          created_at timestamptz not null,
          created_by text not null,
          created_by_agency_id int
        );
        create table rulebook_rule (
          version_id int not null references rulebook_version(id),
          key text not null,
          name text not null,
          article text not null,
          article_text text not null,
          amount int not null check (amount > 0),
          unit text not null check (unit in ('working_days','months')),
          primary key (version_id, key)
        );
        -- A version is succeeded, never edited: deadlines point at the rule that set them.
        create function rulebook_refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception '时限规则版本只能新增，不可修改或删除 (%)', tg_table_name
            using errcode = 'insufficient_privilege';
        end $$;
        create trigger rulebook_version_no_change before update or delete on rulebook_version
          for each row execute function rulebook_refuse_change();
        create trigger rulebook_rule_no_change before update or delete on rulebook_rule
          for each row execute function rulebook_refuse_change();

        create table matter (
          id bigserial primary key,
          type text not null,
          title text not null,
          subject text not null,
          state text not null,
          data jsonb not null default '{}'::jsonb,
          applicant_agency_id int,
          provider_agency_id int,
          authority_agency_id int,
          created_by text not null,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          check (applicant_agency_id is not null or provider_agency_id is not null)
        );
        create index matter_type_state on matter (type, state);
        create index matter_applicant on matter (applicant_agency_id);
        create index matter_provider on matter (provider_agency_id);
        create index matter_authority on matter (authority_agency_id);
        create index matter_subject on matter (subject);

        create table matter_event (
          matter_id bigint not null references matter(id),
          seq int not null,
          at timestamptz not null,
          transition text not null,
          from_state text,
          to_state text not null,
          actor text not null,
          actor_name text not null,
          agency_id int,
          agency_name text,
          reason text,
          legal_basis text,
          data jsonb,
          primary key (matter_id, seq)
        );

        create table deadline (
          id bigserial primary key,
          matter_id bigint not null references matter(id),
          state text not null,
          rule_key text not null,
          rule_version_id int not null references rulebook_version(id),
          article text not null,
          amount int not null,
          unit text not null check (unit in ('working_days','months')),
          responsible_agency_id int not null,
          received_at timestamptz not null,
          starts_on date not null,
          due_date date not null check (due_date >= starts_on),
          due_at timestamptz not null,
          provisional boolean not null,
          missing_years int[] not null default '{}',
          status text not null check (status in ('open','overdue','met','cancelled')),
          met_at timestamptz,
          cancelled_at timestamptz,
          late boolean,
          extended_from date,
          extension_rule_key text,
          extension_rule_version_id int references rulebook_version(id),
          extension_days int,
          created_at timestamptz not null,
          check ((status = 'met') = (met_at is not null)),
          check ((status = 'cancelled') = (cancelled_at is not null)),
          check ((extended_from is null) = (extension_days is null))
        );
        -- The sweep: open deadlines by due time.
        create index deadline_open_due on deadline (due_at) where status = 'open';
        create index deadline_matter on deadline (matter_id);
        -- The board (Art. 42): by responsible agency and status.
        create index deadline_responsible on deadline (responsible_agency_id, status);
        create index deadline_provisional on deadline (id) where provisional and status in ('open','overdue');
      `.execute(db);
      const v = await db
        .insertInto('rulebook_version')
        .values({
          name: RULEBOOK_V1.name,
          source: RULEBOOK_V1.source,
          effective_from: RULEBOOK_V1.effectiveFrom,
          valid_until: RULEBOOK_V1.validUntil,
          created_at: sql`now()`,
          created_by: 'system',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('rulebook_rule')
        .values(
          // Calendar-day rules need 2001's wider unit check; 2002 adds them.
          RULEBOOK_V1.rules
            .filter((r) => r.unit !== 'days')
            .map((r) => ({
              version_id: v.id,
              key: r.key,
              name: r.name,
              article: r.article,
              article_text: r.articleText,
              amount: r.amount,
              unit: r.unit,
            })),
        )
        .execute();
    },
  },
  {
    // Calendar-day limits: a period stated by the domain rather than the measures' working days.
    name: '2001_rule_unit_days',
    async up(db: Kysely<any>) {
      await sql`
        alter table rulebook_rule drop constraint rulebook_rule_unit_check;
        alter table rulebook_rule add constraint rulebook_rule_unit_check check (unit in ('working_days','months','days'));
        alter table deadline drop constraint deadline_unit_check;
        alter table deadline add constraint deadline_unit_check check (unit in ('working_days','months','days'));
      `.execute(db);
    },
  },
  {
    // Databases made before the Art. 19 update rule joined version 1: every version gets it, so
    // rulebook.ts's "a successor keeps every rule" holds for them too.
    name: '2002_rulebook_update_frequency',
    async up(db: Kysely<any>) {
      const rule = RULEBOOK_V1.rules.find((r) => r.key === 'aggregation.update')!;
      await sql`insert into rulebook_rule (version_id, key, name, article, article_text, amount, unit)
        select v.id, ${rule.key}, ${rule.name}, ${rule.article}, ${rule.articleText}, ${rule.amount}, ${rule.unit}
        from rulebook_version v
        where not exists (select 1 from rulebook_rule r where r.version_id = v.id and r.key = ${rule.key})`.execute(
        db,
      );
    },
  },
];
