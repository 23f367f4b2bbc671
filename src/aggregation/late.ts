// Art. 19 时效性: a dataset found late by the daily reconciliation gets a matter on the supervision
// board — 数据更新逾期 — whose deadline is the one its update frequency set (counted in calendar days
// from its last load, the same instant the reconciliation calls late), so it is overdue from the
// start and visible to the provider and its authority until a load commits, which closes it.
import { reviewerOf } from '../catalog/review.ts';
import { addCalendarMonths, addDays, beijingDateOf, dayNumber } from '../kernel/calendar/dates.ts';
import { systemActor, type Tx } from '../kernel/context.ts';
import { applyTransition, defineMatterType, mattersAbout, openMatter } from '../matters/index.ts';
import type { Dataset } from './datasets.ts';

export const LATE_TYPE = 'aggregation.late';
const RULE = 'aggregation.update';

export const lateType = defineMatterType({
  type: LATE_TYPE,
  name: '数据更新逾期',
  states: {
    late: {
      name: '逾期待更新',
      tone: 'error',
      deadline: { rule: RULE, party: 'provider', amountFrom: 'periodDays', startsFrom: 'lastLoadDate' },
    },
    updated: { name: '已更新', tone: 'success', terminal: true },
  },
  initial: 'late',
  fields: {
    datasetName: { label: '数据集' },
    frequency: { label: '更新频率' },
    lastLoadDate: { label: '起算日期（上次汇聚，从未汇聚的为登记日）', format: 'date' },
    periodDays: { label: '更新周期（天）' },
    updatedByLoad: { label: '更新批次' },
    datasetId: { label: '数据集编号', hidden: true },
  },
  transitions: {
    // Taken by the platform when a load of the dataset commits.
    update: { label: '已汇聚更新', from: ['late'], to: 'updated', by: [], systemOnly: true },
  },
});

/** The update period in calendar days after `day` (monthly and longer: to the same day months on). */
export function periodDays(frequencyCode: string, day: string): number | null {
  switch (frequencyCode) {
    case 'realtime':
    case 'daily':
      return 1;
    case 'weekly':
      return 7;
    case 'monthly':
    case 'quarterly':
    case 'yearly': {
      const months = frequencyCode === 'monthly' ? 1 : frequencyCode === 'quarterly' ? 3 : 12;
      return dayNumber(addCalendarMonths(day, months)) - dayNumber(day);
    }
    default:
      return null;
  }
}

/** Opens the dataset's late matter unless one is open; returns its id when opened. */
export async function openLateMatter(
  tx: Tx,
  ds: Dataset,
  frequency: { code: string; label: string },
  lastLoadAt: Date,
): Promise<number | null> {
  if ((await mattersAbout(tx.db, LATE_TYPE, `dataset:${ds.id}`, 'late')).length) return null;
  const lastLoadDate = beijingDateOf(lastLoadAt);
  const days = periodDays(frequency.code, lastLoadDate);
  if (days === null) return null;
  const m = await openMatter(tx, systemActor, {
    type: LATE_TYPE,
    title: `「${ds.name}」未按${frequency.label}更新`,
    subject: `dataset:${ds.id}`,
    parties: { provider: ds.providerAgencyId, authority: await reviewerOf(tx, ds.providerAgencyId) },
    data: {
      datasetId: ds.id,
      datasetName: ds.name,
      frequency: frequency.label,
      lastLoadDate,
      periodDays: days,
      dueDate: addDays(lastLoadDate, days),
    },
  });
  return m.id;
}

/** A committed load brings the dataset up to date: its open late matter is closed (in the load's transaction). */
export async function closeLateMatter(tx: Tx, datasetId: number, loadId: string): Promise<void> {
  for (const id of await mattersAbout(tx.db, LATE_TYPE, `dataset:${datasetId}`, 'late'))
    await applyTransition(tx, systemActor, id, 'update', { data: { updatedByLoad: loadId } });
}
