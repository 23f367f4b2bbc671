// The deadline board (Art. 42 跟踪督办): the query supervision shows. An authority sees the deadlines
// of the agencies it supervises (its own level and below in its region, Art. 5) and its own; a
// department sees its own.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { currentCalendar } from '../kernel/calendar/index.ts';
import type { Actor, Ctx } from '../kernel/context.ts';
import { DomainError } from '../kernel/errors.ts';
import { type DeadlineView, deadlineQuery, toDeadlineView } from './deadline-views.ts';
import { AgencyLookup, scopeOf } from './parties.ts';
import { matterTypeOf } from './types.ts';

export type BoardStatus = 'open' | 'overdue' | 'met' | 'cancelled';

export interface BoardQuery {
  /** Absent: open, overdue and met (cancelled ones only when asked for). */
  status?: BoardStatus;
  agencyId?: number;
  article?: string;
  page: number;
  pageSize: number;
}

export interface BoardItem extends DeadlineView {
  matterTitle: string;
  matterType: string;
  typeName: string;
  agencyId: number;
  agencyName: string;
  link: string;
}

interface Counts {
  open: number;
  overdue: number;
  met: number;
}

export interface Board {
  items: BoardItem[];
  total: number;
  counts: {
    byAgency: (Counts & { agencyId: number; agencyName: string })[];
    byArticle: (Counts & { article: string; articleText: string })[];
  };
}

// Conditions on the `d` (deadline) alias, shared by the count and page queries.
type Eb = ExpressionBuilder<any, any>;
type Cond = Expression<SqlBool>;

// Effective status: an open deadline past due is overdue even before the sweep marks it.
const isStatus = (eb: Eb, s: BoardStatus, now: Date): Cond => {
  if (s === 'open') return eb.and([eb('d.status', '=', 'open'), eb('d.due_at', '>=', now)]);
  if (s === 'overdue') {
    return eb.or([
      eb('d.status', '=', 'overdue'),
      eb.and([eb('d.status', '=', 'open'), eb('d.due_at', '<', now)]),
    ]);
  }
  return eb('d.status', '=', s);
};

const articleNumber = (a: string) => Number(a.replace(/\D/g, '')) || 0;

export async function boardQuery(ctx: Ctx, actor: Actor, q: BoardQuery): Promise<Board> {
  const look = new AgencyLookup(ctx.db);
  const scope = await scopeOf(look, actor);
  if (q.agencyId !== undefined && !scope.includes(q.agencyId)) {
    throw new DomainError(403, 'board-out-of-scope', '无权查看该机构的办理期限', {
      detail: '督办范围为本机构及本级、下级区域内由本主管部门监管的机构（第五条、第四十二条）',
    });
  }
  const empty: Board = { items: [], total: 0, counts: { byAgency: [], byArticle: [] } };
  if (!scope.length) return empty;
  const now = ctx.clock.now();
  const filtered = (eb: Eb): Cond => {
    const conds = [eb('d.responsible_agency_id', 'in', q.agencyId !== undefined ? [q.agencyId] : scope)];
    if (q.article) conds.push(eb('d.article', '=', q.article));
    return eb.and(conds);
  };
  const counted = (eb: Eb, s: BoardStatus) => eb.fn.countAll<number>().filterWhere(isStatus(eb, s, now));

  // Counts cover the whole filtered set (scope, agency, article), broken down by status, whatever
  // status the page shows: the chart and the table answer different questions.
  const byAgency = await ctx.db
    .selectFrom('deadline as d')
    .where(filtered)
    .select((eb) => [
      'd.responsible_agency_id',
      counted(eb, 'open').as('open'),
      counted(eb, 'overdue').as('overdue'),
      counted(eb, 'met').as('met'),
    ])
    .groupBy('d.responsible_agency_id')
    .execute();
  const byArticle = await ctx.db
    .selectFrom('deadline as d')
    .innerJoin('rulebook_rule as r', (j) =>
      j.onRef('r.version_id', '=', 'd.rule_version_id').onRef('r.key', '=', 'd.rule_key'),
    )
    .where(filtered)
    .select((eb) => [
      'd.article',
      sql<string>`min(r.article_text)`.as('article_text'),
      counted(eb, 'open').as('open'),
      counted(eb, 'overdue').as('overdue'),
      counted(eb, 'met').as('met'),
    ])
    .groupBy('d.article')
    .execute();

  const statusFilter = (eb: Eb): Cond =>
    q.status
      ? isStatus(eb, q.status, now)
      : eb.or([isStatus(eb, 'open', now), isStatus(eb, 'overdue', now), isStatus(eb, 'met', now)]);
  const base = deadlineQuery(ctx.db)
    .innerJoin('matter as m', 'm.id', 'd.matter_id')
    .where(filtered)
    .where(statusFilter);
  const { total } = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let page = base.select(['m.title as matter_title', 'm.type as matter_type']);
  page = q.status === 'met' ? page.orderBy('d.met_at', 'desc') : page.orderBy('d.due_at');
  const rows = await page
    .orderBy('d.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const cal = await currentCalendar(ctx);
  const items: BoardItem[] = [];
  for (const r of rows) {
    items.push({
      ...toDeadlineView(r, cal, now),
      matterTitle: r.matter_title,
      matterType: r.matter_type,
      typeName: matterTypeOf(r.matter_type)?.name ?? r.matter_type,
      agencyId: r.responsible_agency_id,
      agencyName: (await look.name(r.responsible_agency_id)) ?? String(r.responsible_agency_id),
      link: `/console/matters/${r.matter_id}`,
    });
  }
  const agencies: Board['counts']['byAgency'] = [];
  for (const a of byAgency) {
    agencies.push({
      agencyId: a.responsible_agency_id,
      agencyName: (await look.name(a.responsible_agency_id)) ?? String(a.responsible_agency_id),
      open: Number(a.open),
      overdue: Number(a.overdue),
      met: Number(a.met),
    });
  }
  agencies.sort((x, y) => y.overdue - x.overdue || y.open - x.open || x.agencyId - y.agencyId);
  return {
    items,
    total: Number(total),
    counts: {
      byAgency: agencies,
      byArticle: byArticle
        .map((a) => ({
          article: a.article,
          articleText: a.article_text,
          open: Number(a.open),
          overdue: Number(a.overdue),
          met: Number(a.met),
        }))
        .sort((x, y) => articleNumber(x.article) - articleNumber(y.article)),
    },
  };
}
