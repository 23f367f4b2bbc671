import { listAgencies } from '../agencies/agencies.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Term } from './dictionaries.ts';
import { loadStandard } from './entries.ts';
import { termLabel } from './io.ts';
import { publishedEntries } from './io-export.ts';
import { OPEN_TYPES } from './rules.ts';

// Art. 32, 33: the open catalog, derived from the published department catalogs, in DCAT-AP
// (JSON-LD) for data portals and harvesters. Only entries open without or with conditions; never a
// legal basis, share condition, not-open reason or consent basis — what is not open stays inside.

const EU = 'http://publications.europa.eu/resource/authority/';
const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
};
// The update frequencies of the standard in the EU frequency vocabulary.
const FREQUENCY: Record<string, string> = {
  realtime: 'UPDATE_CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  yearly: 'ANNUAL',
  irregular: 'IRREG',
};
export const OPEN = OPEN_TYPES.filter((t) => t !== '不予开放');
const ACCESS: Record<string, string> = { 无条件开放: 'PUBLIC', 有条件开放: 'RESTRICTED' };
const LANGUAGE = { '@id': `${EU}language/ZHO` };

const zh = (s: string) => ({ '@value': s, '@language': 'zh' });
const date = (d: string) => ({ '@value': d, '@type': 'xsd:date' });

export interface DcatPaging {
  page: number;
  pageSize: number;
}

/** One page of the open catalog as a dcat:Catalog (hydra paging links when there are more). */
export async function dcatCatalog(ctx: Ctx, origin: string, { page, pageSize }: DcatPaging) {
  const self = `${origin}/api/v1/catalog/dcat.jsonld`;
  const open = () => publishedEntries(ctx.db).where('v.open_type', 'in', OPEN);
  const total = Number(
    (
      await open()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await open()
    .select([
      'e.id',
      'e.code',
      'e.provider_agency_id',
      'e.classification_code',
      'v.id as version_id',
      'v.name',
      'v.summary',
      'v.group_code',
      'v.format_code',
      'v.frequency_code',
      'v.open_type',
      'v.open_conditions',
      'v.publish_date',
    ])
    .orderBy('e.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const [std, names, authority, items, firstPublished] = await Promise.all([
    loadStandard(ctx.db),
    ctx.directory.names(ctx.db, { agencyIds: [...new Set(rows.map((r) => r.provider_agency_id))] }),
    listAgencies(ctx, { level: 'province', kind: 'authority' }, false),
    rows.length
      ? ctx.db
          .selectFrom('catalog_data_item')
          .select(['version_id', 'name'])
          .where(
            'version_id',
            'in',
            rows.map((r) => r.version_id),
          )
          .orderBy('version_id')
          .orderBy('position')
          .execute()
      : [],
    rows.length
      ? ctx.db
          .selectFrom('catalog_entry_version')
          .select((eb) => ['entry_id', eb.fn.min('publish_date').as('issued')])
          .where(
            'entry_id',
            'in',
            rows.map((r) => r.id),
          )
          .groupBy('entry_id')
          .execute()
      : [],
  ]);
  const issued = new Map(firstPublished.map((r) => [r.entry_id, r.issued as string | null]));
  const concept = (kind: string, terms: Map<string, Term>, code: string) => ({
    '@id': `${origin}/api/v1/catalog/dictionaries/${kind}#${encodeURIComponent(code)}`,
    '@type': 'skos:Concept',
    'skos:notation': code,
    'skos:prefLabel': zh(terms.get(code) ? termLabel(terms.get(code)!, terms) : code),
  });
  const datasets = rows.map((r) => {
    const id = `${self}#${encodeURIComponent(r.code)}`;
    const provider = names.agencies.get(r.provider_agency_id) ?? '';
    const landing = { '@id': `${origin}/portal/search?q=${encodeURIComponent(r.code)}` };
    const format = std.formats.get(r.format_code)?.name ?? r.format_code;
    const freq = FREQUENCY[r.frequency_code];
    const keywords = [
      std.groups.get(r.group_code)?.name,
      std.classes.get(r.classification_code)?.name,
      ...items.filter((i) => i.version_id === r.version_id).map((i) => i.name),
    ].filter((k): k is string => Boolean(k));
    return {
      '@id': id,
      '@type': 'dcat:Dataset',
      'dct:identifier': r.code,
      'dct:title': zh(r.name),
      'dct:description': zh(r.summary),
      'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': zh(provider) },
      'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': zh(provider) },
      ...(issued.get(r.id) ? { 'dct:issued': date(issued.get(r.id)!) } : {}),
      ...(r.publish_date ? { 'dct:modified': date(r.publish_date) } : {}),
      'dcat:theme': concept('groups', std.groups, r.group_code),
      'dct:subject': concept('classes', std.classes, r.classification_code),
      'dct:accrualPeriodicity': freq
        ? { '@id': `${EU}frequency/${freq}` }
        : {
            '@type': 'dct:Frequency',
            'rdfs:label': zh(std.frequencies.get(r.frequency_code)?.name ?? r.frequency_code),
          },
      'dcat:keyword': [...new Set(keywords)].map(zh),
      'dct:accessRights': { '@id': `${EU}access-right/${ACCESS[r.open_type]}` },
      // Art. 33: the conditions of a conditional opening are what an applicant must meet.
      ...(r.open_type === '有条件开放' && r.open_conditions
        ? { 'dct:rights': { '@type': 'dct:RightsStatement', 'rdfs:label': zh(r.open_conditions) } }
        : {}),
      'dct:language': LANGUAGE,
      'dcat:landingPage': landing,
      'dcat:distribution': [
        {
          '@id': `${id}-${encodeURIComponent(r.format_code)}`,
          '@type': 'dcat:Distribution',
          'dct:title': zh(`${r.name}（${format}）`),
          'dct:format': { '@type': 'dct:MediaTypeOrExtent', 'rdfs:label': zh(format) },
          'dcat:accessURL': landing,
        },
      ],
    };
  });
  const last = Math.max(1, Math.ceil(total / pageSize));
  const at = (p: number) => `${self}?page=${p}&pageSize=${pageSize}`;
  const authorityName = authority.items[0]?.name ?? '省级政务数据主管部门';
  return {
    '@context': CONTEXT,
    '@id': self,
    '@type': ['dcat:Catalog', 'hydra:Collection'],
    'dct:title': zh('政务数据开放目录'),
    'dct:description': zh(`${authorityName}依据政务数据目录编制的开放目录（无条件开放和有条件开放的数据）。`),
    'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': zh(authorityName) },
    'dct:language': LANGUAGE,
    'foaf:homepage': { '@id': `${origin}/portal` },
    'hydra:totalItems': total,
    'hydra:view': {
      '@id': at(page),
      '@type': 'hydra:PartialCollectionView',
      'hydra:first': { '@id': at(1) },
      'hydra:last': { '@id': at(last) },
      ...(page > 1 ? { 'hydra:previous': { '@id': at(Math.min(page - 1, last)) } } : {}),
      ...(page < last ? { 'hydra:next': { '@id': at(page + 1) } } : {}),
    },
    'dcat:dataset': datasets,
  };
}
