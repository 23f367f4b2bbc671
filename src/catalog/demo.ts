// The demo catalog, so a fresh console shows a province at work: each demo department compiled and
// submitted its catalog weeks ago and its authority published it; some entries were returned and
// revised, some are still drafts, under review or returned (one past its 5 WD limit), some have a
// new version under review, one has an open update, other departments follow some, one is being
// revoked and one is revoked. Everything goes through the domain functions and the engine, each
// step at its own time in the past (a copy of ctx whose clock is set step by step, as the
// supervision demo does), so timelines, deadlines, todos and the ledger read as lived.
import { sql } from 'kysely';
import { listAgencies } from '../agencies/agencies.ts';
import { DEMO_ACCOUNT_SPECS } from '../agencies/demo-data.ts';
import { addDays, beijingDateOf, currentCalendar, type IsoDate } from '../kernel/calendar/index.ts';
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import { DomainError } from '../kernel/errors.ts';
import { applyTransition, sweepDeadlines, transition } from '../matters/index.ts';
import { ADDED_CLASSES, DEPARTMENTS, type DemoDepartment, SUBSCRIPTIONS } from './demo-data.ts';
import { itemOf } from './demo-items.ts';
import { putTerm } from './dictionaries.ts';
import { draftEntry, loadStandard, updateEntry } from './entries.ts';
import { submitEntry } from './review.ts';
import { requestRevocation } from './revocation.ts';
import { type EntryInput, elementByName } from './rules.ts';
import type { EntryStatus } from './schema.ts';
import { subscribe } from './subscriptions.ts';
import { recordChange } from './update.ts';
import { createVersion } from './versions.ts';

// The states of demo-data.ts ('published' when none is given).
const STATES = [
  'published',
  'draft',
  'submitted',
  'returned',
  'overdue',
  'revised',
  'v2',
  'update',
  'revoking',
  'revoked',
] as const;
type State = (typeof STATES)[number];
/** States reached after the department's catalog was published with it. */
const LATER = new Set<State>(['published', 'revised', 'v2', 'update', 'revoking', 'revoked']);

interface Spec {
  key: string;
  dept: DemoDepartment;
  /** The provider's level: a city's or county's own data is the source the province aggregates. */
  local: boolean;
  state: State;
  /** The review comment, the added item, the change or the revocation reason. */
  note: string;
  /** As first drafted: a returned entry lacks the last item its comment asks for. */
  first: EntryInput;
  /** As finally revised (returned entries), or the new version (v2). */
  full: EntryInput;
}

const GROUPS: Record<string, string> = {
  P: 'base.population',
  L: 'base.legal-person',
  G: 'base.geo',
  Z: 'base.license',
  H: 'theme.health',
  S: 'theme.service',
  B: 'theme.social-security',
  E: 'theme.ecology',
  X: 'theme.credit',
  Y: 'theme.emergency',
  A: 'theme.state-assets',
  T: 'special',
  D: 'department',
};

function shareOf(s: string): Partial<EntryInput> {
  const [kind, a, b] = s.split(':');
  if (kind === 'U') return { shareType: '无条件共享' };
  if (kind === 'C') return { shareType: '有条件共享', shareConditions: { scope: a, purpose: b } };
  if (kind === 'N') return { shareType: '不予共享', shareLegalBasis: a };
  throw new Error(`demo catalog: share type “${s}”`);
}

function openOf(s: string): Partial<EntryInput> {
  const [kind, a, b] = s.split(':');
  if (kind === '') return { openType: null };
  if (kind === 'U') return { openType: '无条件开放' };
  if (kind === 'C') return { openType: '有条件开放', openConditions: a };
  if (kind === 'N') return { openType: '不予开放', openReason: a };
  if (kind === 'P') return { openType: '有条件开放', piConsent: { basis: a }, openConditions: b };
  throw new Error(`demo catalog: open type “${s}”`);
}

/** Expands the department lines of demo-data.ts into entry inputs. */
async function specsOf(
  ctx: Ctx,
  agencies: Map<string, { shortName: string; level: string }>,
): Promise<Spec[]> {
  const std = await loadStandard(ctx.db);
  const isElement = (n: string) => elementByName(std.elements, n) !== undefined;
  const specs: Spec[] = [];
  for (const dept of DEPARTMENTS) {
    for (const line of dept.entries.trim().split('\n')) {
      const [name, cls, group, format, freq, share, open, itemList, mark = ''] = line.split('|');
      const [stateName, ...rest] = mark.split(':');
      const state = (stateName || 'published') as State;
      if (!STATES.includes(state)) throw new Error(`demo catalog: state “${mark}”`);
      const names = itemList.split(',');
      const items = names.map((n, i) => itemOf(n, isElement, i === 0));
      const listed =
        names.length > 3 ? `${names.slice(0, 3).join('、')}等${names.length}项` : names.join('、');
      const full: EntryInput = {
        name,
        summary: `${agencies.get(dept.agency)?.shortName}${dept.duty}形成的${name}，包括${listed}数据，${std.frequencies.get(freq)?.name ?? ''}更新。`,
        classificationCode: cls,
        groupCode: GROUPS[group],
        formatCode: format,
        frequencyCode: freq,
        ...shareOf(share),
        ...openOf(open),
        items,
      } as EntryInput;
      const note = rest.join(':');
      const returned = state === 'returned' || state === 'overdue' || state === 'revised';
      const first = returned ? { ...full, items: items.slice(0, -1) } : full;
      const v2 = state === 'v2' ? { ...full, items: [...items, itemOf(note, isElement, false)] } : full;
      const local = agencies.get(dept.agency)?.level !== 'province';
      specs.push({ key: `${dept.agency}/${name}`, dept, local, state, note, first, full: v2 });
    }
  }
  return specs;
}

export interface CatalogDemoResult {
  entries: number;
  published: number;
  /** Published entries open to the public (无条件开放 or 有条件开放, Art. 33). */
  open: number;
  byState: Record<EntryStatus, number>;
  /** Published entries with a newer working version (in the demo: under review). */
  newVersionsUnderReview: number;
}

const justificationOf = (s: Spec) =>
  s.local
    ? `“${s.first.name}”由本部门${s.dept.duty}直接产生，是上级同类目录逐级汇聚的数据来源，不是向其他部门重复采集。`
    : `“${s.first.name}”是本部门${s.dept.duty}依法产生的业务数据；与已发布目录相同的数据项仅用于标识办理对象，随业务登记，业务数据本身无法通过共享获取。`;

/**
 * PGlite runs no autovacuum: without statistics the planner picks nested loops for the Art. 17
 * overlap query that take a second each as the catalog grows; with them, milliseconds.
 */
const refreshStatistics = (ctx: Ctx) =>
  sql`analyze catalog_entry, catalog_entry_version, catalog_data_item`.execute(ctx.db);

interface Step {
  at: number;
  run: () => Promise<void>;
}

/** Loads the demo catalog into a catalog with no entries; null (and nothing changed) otherwise. */
export async function loadCatalogDemo(ctx: Ctx): Promise<CatalogDemoResult | null> {
  if (await ctx.db.selectFrom('catalog_entry').select('id').limit(1).executeTakeFirst()) return null;
  const now = ctx.clock.now();
  const today = beijingDateOf(now);
  const cal = await currentCalendar(ctx);
  const isWorking = (d: IsoDate) => cal.computeWorkingDaysBetween(addDays(d, -1), d).count === 1;
  const workingDaysAgo = (n: number): IsoDate => {
    let d = today;
    for (let left = n; left > 0; ) {
      d = addDays(d, -1);
      if (isWorking(d)) left -= 1;
    }
    return d;
  };
  const when = (ago: number, time: string) => new Date(`${workingDaysAgo(ago)}T${time}:00+08:00`).getTime();

  const { items: agencies } = await listAgencies(ctx, {}, false);
  const agency = (code: string) => {
    const a = agencies.find((x) => x.code === code);
    if (!a) throw new Error(`demo agency ${code} is missing`);
    return a;
  };
  const asAgency = (id: number, username: string, roles: string[]): Actor => {
    const a = agencies.find((x) => x.id === id)!;
    return { accountId: null, username, agencyId: a.id, agencyLevel: a.level, agencyKind: a.kind, roles };
  };
  const person = (username: string): Actor => {
    const s = DEMO_ACCOUNT_SPECS.find((x) => x.username === username);
    if (!s?.agency) throw new Error(`demo account ${username} is missing`);
    return asAgency(agency(s.agency).id, s.username, s.roles);
  };
  // Agencies without a demo account act as 'demo' (the ledger names the agency; Art. 6).
  const officerOf = (code: string): Actor => {
    const account = DEMO_ACCOUNT_SPECS.find((s) => s.agency === code && s.roles.includes('data_officer'));
    return account ? person(account.username) : asAgency(agency(code).id, 'demo', ['data_officer']);
  };
  const REVIEWERS: Record<string, string> = { hlj: 'sheng.reviewer', hrb: 'hrb.admin', dq: 'dq.admin' };
  // Art. 12: a department's catalog is reviewed by its same-level authority, an authority's by the one above.
  const reviewerOf = (code: string): Actor => {
    const a = agencies.find((x) => x.id === agency(code).supervisingAgencyId)!;
    return REVIEWERS[a.code] ? person(REVIEWERS[a.code]) : asAgency(a.id, 'demo', ['authority_reviewer']);
  };

  const specs = await specsOf(ctx, new Map(agencies.map((a) => [a.code, a])));
  const ids = new Map<string, number>();
  const reviews = new Map<string, number>();

  let at = now;
  const past: Ctx = { ...ctx, clock: { now: () => at } };
  const tick = () => {
    at = new Date(at.getTime() + 60_000);
  };
  const steps: Step[] = [];
  const step = (ago: number, time: string, run: () => Promise<void>) =>
    steps.push({ at: when(ago, time), run });

  const draftAll = (list: Spec[]) => async () => {
    const officer = officerOf(list[0].dept.agency);
    await inTransaction(past, officer, async (tx) => {
      for (const s of list) ids.set(s.key, (await draftEntry(tx, officer, s.first)).id);
    });
  };
  // Art. 17: where the items overlap another agency's published entry, the officer says why (the
  // reason is kept only when the check finds overlaps). A resubmission gives it when asked for.
  const submit = async (s: Spec, resubmission = false) => {
    const officer = officerOf(s.dept.agency);
    const justified = { justification: justificationOf(s) };
    if (!resubmission) return submitEntry(past, officer, ids.get(s.key)!, justified);
    try {
      return await submitEntry(past, officer, ids.get(s.key)!);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'catalog-double-collection')) throw e;
      return submitEntry(past, officer, ids.get(s.key)!, justified);
    }
  };
  const submitAll = (list: Spec[]) => async () => {
    await refreshStatistics(past);
    for (const s of list) {
      tick();
      reviews.set(s.key, (await submit(s)).reviewMatterId!);
    }
  };
  // The reviewer decides a department's submissions in one sitting (one transaction).
  const decideAll = (list: Spec[], decide: (s: Spec) => 'publish' | 'return') => async () => {
    const reviewer = reviewerOf(list[0].dept.agency);
    await inTransaction(past, reviewer, async (tx) => {
      for (const s of list) {
        const returning = decide(s) === 'return';
        await applyTransition(tx, reviewer, reviews.get(s.key)!, returning ? 'return' : 'publish', {
          reason: returning ? s.note : undefined,
        });
      }
    });
  };

  // The provincial authority completes its standard before the departments compile (Art. 12).
  const sheng = person('sheng.admin');
  step(82, '09:00', async () => {
    for (const [code, name] of ADDED_CLASSES) {
      tick();
      await putTerm(past, sheng, 'classes', code, { name });
    }
  });

  for (const dept of DEPARTMENTS) {
    const mine = specs.filter((s) => s.dept === dept);
    // The department's catalog: compiled, submitted, and decided two working days later.
    const early = mine.filter((s) => LATER.has(s.state));
    if (early.length) {
      step(dept.day, '09:30', draftAll(early));
      step(dept.day, '10:00', submitAll(early));
      step(
        dept.day - 2,
        '15:00',
        decideAll(early, (s) => (s.state === 'revised' ? 'return' : 'publish')),
      );
    }
    // Returned ones revised and resubmitted, then published.
    const revised = early.filter((s) => s.state === 'revised');
    if (revised.length) {
      step(dept.day - 4, '10:00', async () => {
        for (const s of revised) {
          tick();
          await updateEntry(past, officerOf(dept.agency), ids.get(s.key)!, s.full);
          await submit(s, true);
        }
      });
      step(
        dept.day - 5,
        '11:00',
        decideAll(revised, () => 'publish'),
      );
    }
    // Recent work: returns still to revise (one past its 5 WD), submissions under review, drafts.
    const RECENT = [
      ['overdue', 11, 9],
      ['returned', 5, 2],
      ['submitted', 1, null],
    ] as const;
    for (const [state, submitted, returned] of RECENT) {
      const list = mine.filter((s) => s.state === state);
      if (!list.length) continue;
      step(submitted, '09:30', draftAll(list));
      step(submitted, '10:00', submitAll(list));
      if (returned !== null)
        step(
          returned,
          '16:00',
          decideAll(list, () => 'return'),
        );
    }
    const drafts = mine.filter((s) => s.state === 'draft');
    if (drafts.length) step(1, '15:30', draftAll(drafts));
  }

  // Other departments follow entries they use (Art. 16 counts them as users).
  step(7, '10:00', async () => {
    for (const [key, followers] of SUBSCRIPTIONS)
      for (const f of followers) {
        tick();
        await subscribe(past, officerOf(f), ids.get(key)!);
      }
  });
  for (const s of specs) {
    const officer = officerOf(s.dept.agency);
    const id = () => ids.get(s.key)!;
    if (s.state === 'v2')
      // Art. 12: a change to a published entry is a new version under review.
      step(3, '09:30', async () => {
        await createVersion(past, officer, id());
        await updateEntry(past, officer, id(), s.full);
        await submit(s);
      });
    if (s.state === 'update')
      // Art. 15: a change of law recorded; 3 WD from the day of the change to update the entry.
      step(1, '11:00', async () => {
        await recordChange(past, officer, id(), {
          kind: 'law',
          description: s.note,
          changedOn: workingDaysAgo(1),
        });
      });
    if (s.state === 'revoking' || s.state === 'revoked') {
      // Art. 16: with users the entry is provided 6 months more; without, revoked at once.
      let matterId = 0;
      step(4, '10:00', async () => {
        matterId = await requestRevocation(past, officer, id(), { reason: s.note });
      });
      step(3, '15:30', async () => {
        await transition(past, reviewerOf(s.dept.agency), matterId, 'approve');
      });
    }
  }

  // In time order, so each ledger event follows the one before it.
  for (const s of steps.sort((a, b) => a.at - b.at)) {
    at = new Date(s.at);
    await s.run();
  }
  // Today: the sweep marks the missed revision limit and warns the agency and its authority (Art. 42).
  await sweepDeadlines(ctx, 'demo-loader');
  await refreshStatistics(ctx);
  return catalogCounts(ctx);
}

/** The catalog's counts, as the demo reports them. */
export async function catalogCounts(ctx: Ctx): Promise<CatalogDemoResult> {
  const rows = await ctx.db
    .selectFrom('catalog_entry')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const byState = { draft: 0, submitted: 0, returned: 0, published: 0, revoking: 0, revoked: 0 };
  for (const r of rows) byState[r.status] = Number(r.n);
  const published = await ctx.db
    .selectFrom('catalog_entry as e')
    .innerJoin('catalog_entry_version as v', (j) =>
      j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.current_version'),
    )
    .select(['v.open_type', 'e.latest_version', 'e.current_version'])
    .where('e.status', '=', 'published')
    .execute();
  return {
    entries: Object.values(byState).reduce((a, b) => a + b, 0),
    published: byState.published,
    open: published.filter((r) => r.open_type !== '不予开放').length,
    byState,
    newVersionsUnderReview: published.filter((r) => r.latest_version !== r.current_version).length,
  };
}
