import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction, systemActor } from '../kernel/context.ts';
import { sweepDeadlines } from '../matters/index.ts';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { actorOf, csvSource, csvText, people, publishEntry } from './aggregation.test-helpers.ts';
import { createDataset, readDataset } from './datasets.ts';
import { openLateMatter } from './late.ts';
import { runLoad } from './load.ts';
import { qualityTrend, reconcileAll } from './reconciliation.ts';

// Art. 19 日常对账: a daily report per dataset — late against the entry's update frequency (每日),
// record count against the day before, the trend of the loads' error rates — messaged when off.

let h: Harness;
let datasetId: number;
const gat = () => actorOf(h, 'gat.data');
const report = async (user: string) =>
  ok(await h.get(user, `/api/v1/aggregation/datasets/${datasetId}/reconciliation`)).items;

beforeAll(async () => {
  h = await startHarness();
  await h.login('gat.data', 'sheng.reviewer', 'mzt.data');
  h.at('2026-03-02T10:00');
  const { id, codes } = await publishEntry(h, 'gat.data', 'sheng.reviewer');
  datasetId = (await createDataset(h.t.ctx, gat(), { entryId: id, keyItems: [codes.公民身份号码] })).id;
  await runLoad(h.t.ctx, gat(), datasetId, csvSource(csvText(people(20))), { kind: 'full', source: 'test' });
});
afterAll(() => h.t.close());

it('reports a daily dataset loaded today as on time, once per day', async () => {
  h.at('2026-03-02T20:00');
  expect(await reconcileAll(h.t.ctx)).toBe(1);
  expect(await reconcileAll(h.t.ctx)).toBe(0);
  const [today] = await report('gat.data');
  expect(today).toMatchObject({
    day: '2026-03-02',
    late: false,
    currentRows: 20,
    previousRows: null,
    qualityTrend: 'none',
  });
});

it('marks it late two days later and messages the provider and its authority', async () => {
  h.at('2026-03-05T09:00');
  await reconcileAll(h.t.ctx);
  const [today] = await report('sheng.reviewer');
  expect(today).toMatchObject({
    day: '2026-03-05',
    late: true,
    currentRows: 20,
    previousRows: 20,
    changeFlagged: false,
  });
  for (const user of ['gat.data', 'sheng.reviewer']) {
    const m = ok(await h.get(user, '/api/v1/messages')).items.find((x: { title: string }) =>
      x.title.includes('对账异常'),
    );
    expect(m?.body, user).toContain('已超过更新频率');
  }
});

it('puts the late dataset on the supervision board, overdue since the end of the day after its last load', async () => {
  await sweepDeadlines(h.t.ctx, 'test');
  const board = ok(await h.get('sheng.reviewer', '/api/v1/supervision/deadlines?article=Art.%2019'));
  expect(board.items).toHaveLength(1);
  expect(board.items[0]).toMatchObject({
    matterType: 'aggregation.late',
    matterTitle: '「户籍人口登记信息」未按每日更新',
    ruleKey: 'aggregation.update',
    status: 'overdue',
    startsOn: '2026-03-02',
    dueDate: '2026-03-03',
    agencyName: '黑龙江省公安厅',
  });
  // The same instant the reconciliation calls late.
  const [today] = await report('gat.data');
  expect(board.items[0].dueAt).toBe(today.dueAt);
  // The provider sees it on its board too; a second day late opens no second matter.
  expect(ok(await h.get('gat.data', '/api/v1/supervision/deadlines?article=Art.%2019')).total).toBe(1);
  const ds = (await readDataset(h.t.ctx.db, datasetId))!;
  const again = await inTransaction(h.t.ctx, systemActor, (tx) =>
    openLateMatter(tx, ds, { code: 'daily', label: '每日' }, new Date('2026-03-02T02:00:00Z')),
  );
  expect(again).toBeNull();
  expect(ok(await h.get('sheng.reviewer', '/api/v1/supervision/deadlines?article=Art.%2019')).total).toBe(1);
});

it('flags a jump in the record count and a worsening error rate', async () => {
  h.at('2026-03-06T10:00');
  const rows = people(30, 100);
  rows[3][0] = `${rows[3][0].slice(0, 17)}${rows[3][0][17] === '0' ? '1' : '0'}`;
  await runLoad(h.t.ctx, gat(), datasetId, csvSource(csvText(rows)), { kind: 'incremental', source: 'test' });
  h.at('2026-03-06T20:00');
  await reconcileAll(h.t.ctx);
  const [today] = await report('gat.data');
  expect(today).toMatchObject({
    late: false,
    currentRows: 49,
    previousRows: 20,
    changeFlagged: true,
    qualityTrend: 'worsening',
  });
  expect(today.changeRatio).toBeCloseTo(1.45, 2);
  // The load closed the late matter: its deadline met, late.
  const [item] = ok(await h.get('sheng.reviewer', '/api/v1/supervision/deadlines?article=Art.%2019')).items;
  expect(item).toMatchObject({ status: 'met', late: true });
  const matter = ok(await h.get('gat.data', `/api/v1/matters/${item.matterId}`));
  expect(matter.state).toBe('updated');
});

it('is not shown to another department', async () => {
  expect([403, 404]).toContain(
    (await h.get('mzt.data', `/api/v1/aggregation/datasets/${datasetId}/reconciliation`)).statusCode,
  );
});

it('reads a trend from the error rates', () => {
  expect(qualityTrend([0.05])).toBe('none');
  expect(qualityTrend([0.05, 0.05, 0.02])).toBe('improving');
  expect(qualityTrend([0.01, 0.012])).toBe('stable');
  expect(qualityTrend([0, 0.03])).toBe('worsening');
});
