// Art. 18: the provider's decision on a full load held by the guard — confirm (it commits, closing
// what its file no longer holds) or withdraw (the dataset stays as it was).
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import type { Trx } from '../kernel/db/schema.ts';
import { conflict, notFound } from '../kernel/errors.ts';
import { loadableDataset } from './datasets.ts';
import { closeLateMatter } from './late.ts';
import { failLoad } from './load-store.ts';

async function heldLoad(tx: { db: Trx }, loadId: string, datasetId: number) {
  const l = await tx.db
    .selectFrom('agg_load')
    .selectAll()
    .where('id', '=', loadId)
    .where('dataset_id', '=', datasetId)
    .forUpdate()
    .executeTakeFirst();
  if (!l) throw notFound('汇聚批次');
  if (l.status !== 'awaiting_confirmation')
    throw conflict('aggregation-load-not-held', '该批次不在等待确认状态', {
      detail: `批次状态：${l.status}`,
    });
  return l;
}

/** Art. 18: the provider confirms a full load that closes more than the guard share; it commits. */
export async function confirmLoad(ctx: Ctx, actor: Actor, datasetId: number, loadId: string): Promise<void> {
  await loadableDataset(ctx, actor, datasetId);
  await inTransaction(ctx, actor, async (tx) => {
    const l = await heldLoad(tx, loadId, datasetId);
    await tx.db
      .updateTable('agg_load')
      .set({ status: 'committed', committed_at: tx.now, finished_at: tx.now })
      .where('id', '=', loadId)
      .execute();
    await closeLateMatter(tx, datasetId, loadId);
    tx.record({
      action: 'aggregation.load.commit',
      subject: `load:${loadId}`,
      details: { datasetId, kind: l.kind, confirmed: true, closed: l.rows_closed },
    });
  });
}

/** The provider withdraws a held load: the dataset stays as it was. */
export async function cancelLoad(ctx: Ctx, actor: Actor, datasetId: number, loadId: string): Promise<void> {
  await loadableDataset(ctx, actor, datasetId);
  await inTransaction(ctx, actor, async (tx) => {
    await heldLoad(tx, loadId, datasetId);
    await failLoad(tx.db, loadId, '提供部门撤销了该批次', tx.now, 'cancelled');
    tx.record({ action: 'aggregation.load.cancel', subject: `load:${loadId}`, details: { datasetId } });
  });
}
