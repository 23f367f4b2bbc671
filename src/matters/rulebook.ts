// The rulebook: time limits and their articles as versioned data with an effective date (Art. 47: the
// measures are valid 2 years from 2025-01-06; a successor will change them). The rule in force for a
// deadline is the one of the latest version effective on the deadline's start date; a new version
// never moves a deadline already opened.
import { sql } from 'kysely';
import { addDays, beijingDateOf, isIsoDate } from '../kernel/calendar/index.ts';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { DomainError, type FieldError, validationFailed } from '../kernel/errors.ts';
import type { RuleInput } from './rulebook-v1.ts';
import type { RuleUnit } from './schema.ts';

type Queryable = Db | Trx;

export interface Rule {
  key: string;
  name: string;
  article: string;
  articleText: string;
  amount: number;
  unit: RuleUnit;
}

export interface RuleInForce extends Rule {
  versionId: number;
  versionName: string;
}

export interface RulebookVersionView {
  id: number;
  name: string;
  source: string;
  effectiveFrom: string;
  /** The day before the next version takes effect; null while none is scheduled. */
  effectiveTo: string | null;
  /** The instrument's own term (Art. 47), shown for information: a version stays in force until succeeded. */
  validUntil: string | null;
  current: boolean;
  createdAt: string;
  createdBy: string;
  rules: Rule[];
}

export interface NewRulebookVersion {
  name: string;
  source: string;
  effectiveFrom: string;
  validUntil?: string | null;
  rules: RuleInput[];
}

const RULEBOOK_LOCK_KEY = 0x72756c65; // 'rule'

const rulebookMissing = (key: string, date: string) =>
  new DomainError(500, 'rule-not-in-force', '时限规则缺失', {
    detail: `${date}适用的时限规则版本中没有“${key}”，请省级政务数据主管部门补充时限规则`,
  });

/** The rule `key` of the latest version effective on `date` (a deadline's start date). */
export async function ruleInForce(db: Queryable, key: string, date: string): Promise<RuleInForce> {
  const v = await db
    .selectFrom('rulebook_version')
    .select(['id', 'name'])
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!v) throw rulebookMissing(key, date);
  const r = await db
    .selectFrom('rulebook_rule')
    .selectAll()
    .where('version_id', '=', v.id)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!r) throw rulebookMissing(key, date);
  return {
    key: r.key,
    name: r.name,
    article: r.article,
    articleText: r.article_text,
    amount: r.amount,
    unit: r.unit,
    versionId: v.id,
    versionName: v.name,
  };
}

export async function listRulebook(ctx: Ctx): Promise<RulebookVersionView[]> {
  const today = beijingDateOf(ctx.clock.now());
  const versions = await ctx.db
    .selectFrom('rulebook_version')
    .selectAll()
    .orderBy('effective_from')
    .execute();
  const rules = await ctx.db.selectFrom('rulebook_rule').selectAll().orderBy('key').execute();
  const current = versions.filter((v) => v.effective_from <= today).at(-1)?.id ?? null;
  return versions
    .map((v, i) => ({
      id: v.id,
      name: v.name,
      source: v.source,
      effectiveFrom: v.effective_from,
      effectiveTo: versions[i + 1] ? addDays(versions[i + 1].effective_from, -1) : null,
      validUntil: v.valid_until,
      current: v.id === current,
      createdAt: v.created_at.toISOString(),
      createdBy: v.created_by,
      rules: rules
        .filter((r) => r.version_id === v.id)
        .map((r) => ({
          key: r.key,
          name: r.name,
          article: r.article,
          articleText: r.article_text,
          amount: r.amount,
          unit: r.unit,
        })),
    }))
    .reverse();
}

/** Only the provincial data authority sets the province's time limits. */
export function assertMayManageRulebook(actor: Actor): void {
  if (actor.agencyLevel !== 'province' || actor.agencyKind !== 'authority') {
    throw new DomainError(403, 'rulebook-provincial-authority-only', '仅省级政务数据主管部门可修订时限规则', {
      detail: '办理时限全省统一，依《办法》及其后续修订由省级政务数据主管部门维护',
    });
  }
}

const KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const ARTICLE = /^Art\. \d{1,3}$/;

function validate(input: NewRulebookVersion, today: string, latest: { from: string; keys: string[] } | null) {
  const errors: FieldError[] = [];
  const text = (field: string, v: string, max: number) => {
    if (!v?.trim()) errors.push({ field, message: '不能为空' });
    else if (v.length > max) errors.push({ field, message: `不得超过${max}个字符` });
  };
  text('name', input.name, 200);
  text('source', input.source, 1000);
  if (!isIsoDate(input.effectiveFrom)) {
    errors.push({ field: 'effectiveFrom', message: '日期格式应为 YYYY-MM-DD 且为有效日期' });
  } else if (input.effectiveFrom < today) {
    // A retroactive rule would reopen what was decided under the old one.
    errors.push({ field: 'effectiveFrom', message: `生效日期不得早于今天（${today}）` });
  } else if (latest && input.effectiveFrom <= latest.from) {
    errors.push({
      field: 'effectiveFrom',
      message: `生效日期须晚于现有最新版本的生效日期（${latest.from}）`,
    });
  }
  if (input.validUntil != null && !(isIsoDate(input.validUntil) && input.validUntil >= input.effectiveFrom)) {
    errors.push({ field: 'validUntil', message: '须为不早于生效日期的有效日期' });
  }
  if (!input.rules.length) errors.push({ field: 'rules', message: '至少须有一条时限规则' });
  const seen = new Set<string>();
  input.rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (!KEY.test(r.key ?? '') || r.key.length > 100) {
      errors.push({ field: `${at}.key`, message: '须为小写字母、数字、下划线，以点分隔，如 catalog.revise' });
    } else if (seen.has(r.key)) errors.push({ field: `${at}.key`, message: `规则重复：${r.key}` });
    seen.add(r.key);
    text(`${at}.name`, r.name, 100);
    if (!ARTICLE.test(r.article ?? '')) errors.push({ field: `${at}.article`, message: '格式应为 Art. 12' });
    text(`${at}.articleText`, r.articleText, 2000);
    if (!Number.isInteger(r.amount) || r.amount < 1 || r.amount > 3650) {
      errors.push({ field: `${at}.amount`, message: '须为1至3650之间的整数' });
    }
    if (r.unit !== 'working_days' && r.unit !== 'months' && r.unit !== 'days') {
      errors.push({
        field: `${at}.unit`,
        message: '单位须为 working_days（工作日）、months（月）或 days（自然日）',
      });
    }
  });
  // A successor states every limit: a rule left out would silently stop every deadline that uses it.
  for (const k of latest?.keys ?? []) {
    if (!seen.has(k))
      errors.push({ field: 'rules', message: `须包含现行规则 ${k}（如已废止，请保留并注明）` });
  }
  if (errors.length) throw validationFailed(errors);
}

/** Adds a version (ledgered `rulebook.version.add`); deadlines already opened keep their rule. */
export async function addRulebookVersion(
  ctx: Ctx,
  actor: Actor,
  input: NewRulebookVersion,
): Promise<RulebookVersionView> {
  assertMayManageRulebook(actor);
  const id = await inTransaction(ctx, actor, async (tx) => {
    await sql`select pg_advisory_xact_lock(${RULEBOOK_LOCK_KEY})`.execute(tx.db);
    const latest = await tx.db
      .selectFrom('rulebook_version')
      .select(['id', 'effective_from'])
      .orderBy('effective_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    const keys = latest
      ? (
          await tx.db.selectFrom('rulebook_rule').select('key').where('version_id', '=', latest.id).execute()
        ).map((r) => r.key)
      : [];
    validate(input, beijingDateOf(tx.now), latest ? { from: latest.effective_from, keys } : null);
    const v = await tx.db
      .insertInto('rulebook_version')
      .values({
        name: input.name.trim(),
        source: input.source.trim(),
        effective_from: input.effectiveFrom,
        valid_until: input.validUntil ?? null,
        created_at: tx.now,
        created_by: actor.username,
        created_by_agency_id: actor.agencyId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db
      .insertInto('rulebook_rule')
      .values(
        input.rules.map((r) => ({
          version_id: v.id,
          key: r.key,
          name: r.name.trim(),
          article: r.article,
          article_text: r.articleText.trim(),
          amount: r.amount,
          unit: r.unit,
        })),
      )
      .execute();
    tx.record({
      action: 'rulebook.version.add',
      subject: `rulebook-version:${v.id}`,
      details: {
        name: input.name.trim(),
        source: input.source.trim(),
        effectiveFrom: input.effectiveFrom,
        validUntil: input.validUntil ?? null,
        rules: input.rules.map((r) => ({ key: r.key, article: r.article, amount: r.amount, unit: r.unit })),
      },
    });
    return v.id;
  });
  return (await listRulebook(ctx)).find((v) => v.id === id)!;
}
