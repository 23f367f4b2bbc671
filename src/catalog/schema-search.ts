import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';
import { SQL_SEPARATOR_CLASS } from './search-text.ts';

// Art. 11 检索: one search row per (entry, version someone may see) — the version in effect (seen by
// everyone while the entry is published or being revoked) and the latest version (seen by the
// provider and its reviewing authority) — kept by statement-level triggers on the catalog tables,
// so no code path that changes an entry can forget it. The row holds the facet values (no join at
// query time), packed as small codes for the facet tally (search-facets.ts), and the n-gram tokens
// of code, name, summary and data item names (search-text.ts).
//
// Narrow rows: a broad query (信息, 数据) visits tens of thousands of rows, so their width is its
// cost (measured on 100,000 entries: with the tokens inline the table is 169 MB instead of 26 MB
// and a broad query 5× slower). PostgreSQL moves a value out of line only
// when the row passes ~2 kB (TOAST_TUPLE_THRESHOLD; toast_tuple_target only sets how far it then
// shrinks), and a token array is 1–2 kB. `toast_pad` — 2 kB of spaces, compressed to ~30 bytes —
// takes every row over the threshold, so toast_tuple_target = 128 then moves the tokens out.

export interface CatalogSearchTable {
  entry_id: number;
  version: number;
  provider_agency_id: number;
  /** The version in effect of a published or revoking entry: everyone sees it. */
  published: boolean;
  /** The latest version: the provider and its reviewing authority see it (Art. 12). */
  latest: boolean;
  publish_date: string | null;
  updated_at: Date;
  /** Codes (catalog_search_code): provider, region 2 bytes · group, format, frequency, grade 1 byte ·
   * share | open << 2 | level << 4 in the last byte. */
  facets: Uint8Array;
  /** The name normalised like the tokens (ranking: a query word in the name ranks first). */
  name_key: string;
  code: string;
  status: string;
  provider_level: string;
  provider_region_code: string;
  group_code: string;
  format_code: string;
  frequency_code: string;
  share_type: string;
  open_type: string;
  grade_code: string;
  toast_pad: string;
  tokens: string[];
}

/** Small numbers for facet values, assigned on first sight and never changed. */
export interface CatalogSearchCodeTable {
  facet: string;
  value: string;
  code: number;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    catalog_search: CatalogSearchTable;
    catalog_search_code: CatalogSearchCodeTable;
    catalog_search_change: { xid: string; entry_id: number; noted_at: Date };
  }
}

const SEP = `'${SQL_SEPARATOR_CLASS}+'`;

// Normalisation as search-text.ts normalizeText: separators to spaces, NFKC (only when needed: it is
// the costly step), separators again, ASCII lower case.
const NORM = `lower((case when r is nfkc normalized then r
    else regexp_replace(normalize(r, nfkc), ${SEP}, ' ', 'g') end) collate "C")
  from (select regexp_replace(t, ${SEP}, ' ', 'g') as r) x`;

const FACET_VALUES = `
  (values ('provider', e.provider_agency_id::text), ('region', e.provider_region_code),
    ('group', v.group_code), ('format', v.format_code), ('frequency', v.frequency_code),
    ('grade', v.grade_code), ('share', v.share_type), ('open', v.open_type),
    ('level', e.provider_level)) as f(facet, value)`;

const VISIBLE_VERSIONS = `
  from (select distinct id from unnest(ids) as x(id)) x
    join catalog_entry e on e.id = x.id
    join catalog_entry_version v on v.entry_id = e.id
      and (v.version = e.latest_version or v.version = e.current_version)`;

const code = (facet: string, col: string) =>
  `(select c.code from catalog_search_code c where c.facet = '${facet}' and c.value = ${col})`;

/** Widest code each facet's place in the packed record holds (search-facets.ts LAYOUT). */
const CODE_LIMITS = `('provider', 32767), ('region', 32767), ('group', 255), ('format', 255),
  ('frequency', 255), ('grade', 255), ('share', 3), ('open', 3), ('level', 3)`;

const functions = `
  create function catalog_search_norm(t text) returns text language sql immutable parallel safe as $$
    select ${NORM}
  $$;

  create function catalog_search_refresh(ids int[]) returns void language plpgsql as $$
  begin
    delete from catalog_search s using unnest(ids) as x(id) where s.entry_id = x.id;
    -- Codes for facet values seen for the first time, numbered under a lock so two writers agree.
    if exists (select 1 ${VISIBLE_VERSIONS} cross join lateral ${FACET_VALUES}
        where not exists (select 1 from catalog_search_code c where c.facet = f.facet and c.value = f.value)) then
      perform pg_advisory_xact_lock(${0x63617473}); -- 'cats'
      insert into catalog_search_code (facet, value, code)
      select n.facet, n.value, coalesce((select max(c.code) from catalog_search_code c where c.facet = n.facet), 0)
        + row_number() over (partition by n.facet order by n.value)
      from (select distinct f.facet, f.value ${VISIBLE_VERSIONS} cross join lateral ${FACET_VALUES}
        except select facet, value from catalog_search_code) n;
      if exists (select 1 from catalog_search_code c join (values ${CODE_LIMITS}) l(facet, most)
          on l.facet = c.facet where c.code > l.most) then
        raise exception 'catalog_search_code: too many values for the packed facet record';
      end if;
    end if;
    insert into catalog_search (entry_id, version, provider_agency_id, published, latest, publish_date,
      updated_at, facets, name_key, code, status, provider_level, provider_region_code, group_code, format_code,
      frequency_code, share_type, open_type, grade_code, toast_pad, tokens)
    with d as materialized (
      select e.id, v.version, e.provider_agency_id,
        v.version is not distinct from e.current_version and e.status in ('published', 'revoking') as published,
        v.version = e.latest_version as latest, v.publish_date, v.updated_at,
        int2send(${code('provider', 'e.provider_agency_id::text')}::int2)
          || int2send(${code('region', 'e.provider_region_code')}::int2)
          || set_byte(set_byte(set_byte(set_byte(set_byte('\\x0000000000'::bytea,
            0, ${code('group', 'v.group_code')}), 1, ${code('format', 'v.format_code')}),
            2, ${code('frequency', 'v.frequency_code')}), 3, ${code('grade', 'v.grade_code')}),
            -- (PostgreSQL gives | and << the same precedence, left to right: hence the parentheses.)
            4, ${code('share', 'v.share_type')} | (${code('open', 'v.open_type')} << 2)
              | (${code('level', 'e.provider_level')} << 4)) as facets,
        catalog_search_norm(v.name) as name_key, e.code, e.status, e.provider_level, e.provider_region_code,
        v.group_code, v.format_code, v.frequency_code, v.share_type, v.open_type, v.grade_code,
        string_to_array(catalog_search_norm(concat_ws(' ', e.code, v.name, v.summary,
          (select string_agg(i.name, ' ') from catalog_data_item i where i.version_id = v.id))), null) as c
      ${VISIBLE_VERSIONS}
    )
    -- Unigrams, bigrams and skip-bigrams within runs (a space separates runs; search-text.ts), and
    -- the provider as '@id' ('@' is a separator, so no text gives it): a query word that names the
    -- provider is then one more key of the same index lookup.
    select id, version, provider_agency_id, published, latest, publish_date, updated_at, facets, name_key, code,
      status, provider_level, provider_region_code, group_code, format_code, frequency_code, share_type,
      open_type, grade_code, repeat(' ', 2048),
      array(select t from (
          select unnest(c) as t, '' as m
          union all
          select unnest(c[1:cardinality(c) - 1]) || unnest(c[2:cardinality(c)]), ''
          union all
          select unnest(c[1:cardinality(c) - 2]) || '_' || unnest(c[3:cardinality(c)]), unnest(c[2:cardinality(c) - 1])
        ) g where strpos(t, ' ') = 0 and m <> ' ' group by t) || ('@' || provider_agency_id)
    from d;
  end $$;

  create function catalog_search_on_entry() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      perform catalog_search_refresh(array(select id from old_rows));
    else
      -- Only what the search row holds (not e.g. first_submitted_at).
      perform catalog_search_refresh(array(
        select n.id from new_rows n join old_rows o on o.id = n.id
        where (n.status, n.current_version, n.latest_version, n.code, n.provider_agency_id, n.provider_level,
          n.provider_region_code) is distinct from (o.status, o.current_version, o.latest_version, o.code,
          o.provider_agency_id, o.provider_level, o.provider_region_code)));
    end if;
    return null;
  end $$;

  create function catalog_search_on_version() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      perform catalog_search_refresh(array(select distinct entry_id from old_rows));
    else
      perform catalog_search_refresh(array(select distinct entry_id from new_rows));
    end if;
    return null;
  end $$;

  create function catalog_search_on_item() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      perform catalog_search_refresh(array(
        select distinct v.entry_id from old_rows o join catalog_entry_version v on v.id = o.version_id));
    else
      perform catalog_search_refresh(array(
        select distinct v.entry_id from new_rows n join catalog_entry_version v on v.id = n.version_id));
    end if;
    return null;
  end $$;
`;

// A new entry has no version yet: its first version's insert builds the row.
const triggers = ['insert', 'update', 'delete'].flatMap((op) => {
  const ref =
    op === 'insert'
      ? 'new table as new_rows'
      : op === 'delete'
        ? 'old table as old_rows'
        : 'old table as old_rows new table as new_rows';
  const on = (table: string, fn: string) =>
    `create trigger catalog_search_${fn}_${op} after ${op} on ${table} referencing ${ref}
      for each statement execute function catalog_search_on_${fn}();`;
  return [
    ...(op === 'insert' ? [] : [on('catalog_entry', 'entry')]),
    on('catalog_entry_version', 'version'),
    on('catalog_data_item', 'item'),
  ];
});

// Small columns never leave the row (a broad query reads them from every hit). The columns read
// from every hit come first: a row is unpacked from its start up to the last column needed.
const PLAIN = [
  'facets',
  'name_key',
  'code',
  'status',
  'provider_level',
  'provider_region_code',
  'group_code',
  'format_code',
  'frequency_code',
  'share_type',
  'open_type',
  'grade_code',
];

export const searchMigrations: NamedMigration[] = [
  {
    name: '3004_catalog_search',
    async up(db: Kysely<any>) {
      await sql
        .raw(`
        create table catalog_search_code (
          facet text not null,
          value text not null,
          code int not null,
          primary key (facet, value),
          unique (facet, code)
        );
        create table catalog_search (
          entry_id int not null,
          version int not null,
          provider_agency_id int not null,
          published boolean not null,
          latest boolean not null,
          publish_date date,
          updated_at timestamptz not null,
          facets bytea not null,
          name_key text not null,
          code text not null,
          status text not null,
          provider_level text not null,
          provider_region_code text not null,
          group_code text not null,
          format_code text not null,
          frequency_code text not null,
          share_type text not null,
          open_type text not null,
          grade_code text not null,
          toast_pad text not null,
          tokens text[] not null,
          primary key (entry_id, version)
        ) with (toast_tuple_target = 128);
        alter table catalog_search ${PLAIN.map((c) => `alter column ${c} set storage plain`).join(', ')};
        create index catalog_search_tokens on catalog_search using gin (tokens);
        create index catalog_search_provider on catalog_search (provider_agency_id);
        create index catalog_search_updated on catalog_search (updated_at, entry_id);
        ${functions}
        ${triggers.join('\n')}
        select catalog_search_refresh(array(select id from catalog_entry));
      `)
        .execute(db);
    },
  },
  // The change feed of the in-memory search index (search-index.ts): every statement that rewrites
  // search rows notes the entries and its transaction id. A process's index reflects one snapshot and
  // takes, next time, the changes of the transactions that snapshot did not see — exact whatever
  // order transactions commit in, across every server process. Rows older than a day are pruned
  // (search-index.ts PRUNE_AFTER); an index idle longer than that starts afresh.
  {
    name: '3005_catalog_search_changes',
    async up(db: Kysely<any>) {
      await sql
        .raw(`
        create table catalog_search_change (
          xid xid8 not null default pg_current_xact_id(),
          entry_id int not null,
          noted_at timestamptz not null default now()
        );
        create index catalog_search_change_xid on catalog_search_change (xid);
        create index catalog_search_change_noted on catalog_search_change (noted_at);
        create function catalog_search_note_new() returns trigger language plpgsql as $$
        begin
          insert into catalog_search_change (entry_id) select distinct entry_id from new_rows;
          return null;
        end $$;
        create function catalog_search_note_old() returns trigger language plpgsql as $$
        begin
          insert into catalog_search_change (entry_id) select distinct entry_id from old_rows;
          return null;
        end $$;
        create trigger catalog_search_note_insert after insert on catalog_search
          referencing new table as new_rows for each statement execute function catalog_search_note_new();
        create trigger catalog_search_note_update after update on catalog_search
          referencing new table as new_rows for each statement execute function catalog_search_note_new();
        create trigger catalog_search_note_delete after delete on catalog_search
          referencing old table as old_rows for each statement execute function catalog_search_note_old();
      `)
        .execute(db);
    },
  },
];
