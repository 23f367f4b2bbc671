// Art. 18 定时拉取: a provider schedules loads of a dataset from its business system's HTTP JSON
// interface. Each run is an ordinary load (same checks, guard, quality report, ledger) run as the
// data officer who set the pull up; a failed run is noted on the pull and messaged to the provider.
import { type Selectable, sql } from 'kysely';
import { actorByUsername } from '../agencies/accounts.ts';
import type { Config } from '../config.ts';
import { type Actor, type Ctx, inTransaction, systemActor } from '../kernel/context.ts';
import { openSm4Gcm, sealSm4Gcm } from '../kernel/crypto/index.ts';
import { conflict, ruleViolated, validationFailed } from '../kernel/errors.ts';
import { sendMessage } from '../messages/service.ts';
import { getDataset, loadableDataset } from './datasets.ts';
import { dataKey } from './keys.ts';
import { runLoad } from './load.ts';
import { openHttpJson } from './readers/index.ts';
import type { LoadKind } from './schema.ts';
import type { AggPullTable } from './schema-pulls.ts';

export interface PullInput {
  url: string;
  kind: LoadKind;
  everyMinutes: number;
  arrayPath?: string | null;
  /** Replaces the stored headers; omitted: they stay; null: removed. */
  headers?: Record<string, string> | null;
  enabled: boolean;
}

export interface PullView {
  datasetId: number;
  url: string;
  kind: LoadKind;
  everyMinutes: number;
  arrayPath: string | null;
  /** The header names only: their values (tokens) are never shown again. */
  headerNames: string[];
  enabled: boolean;
  runAs: string;
  nextRunAt: string;
  lastRunAt: string | null;
  lastLoadId: string | null;
  lastError: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** Whether a host is on the operator's allow-list (exact, or `*.suffix` for its subdomains). */
export function hostAllowed(config: Config, host: string): boolean {
  const h = host.toLowerCase();
  return config.pullHosts.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p));
}

/** Art. 18: the pull's address must be a plain http(s) URL of an allowed host, without credentials. */
function checkUrl(config: Config, raw: string): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return ['不是有效的接口地址（应形如 https://主机/路径）'];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return ['只支持 http 或 https 接口地址'];
  if (url.username || url.password)
    return ['地址中不得包含用户名或口令：访问凭据请填写在请求头中（加密保存）'];
  if (!hostAllowed(config, url.hostname))
    return [
      config.pullHosts.length
        ? `主机 ${url.hostname} 不在允许拉取的地址清单中（${config.pullHosts.join('、')}），请联系运维人员`
        : '本平台未配置允许拉取的接口地址（GOVDATA_PULL_HOSTS），请联系运维人员',
    ];
  return [];
}

const HEADER_NAME = /^[A-Za-z0-9-]{1,60}$/;

function validate(config: Config, input: PullInput) {
  const errors = [
    ...checkUrl(config, input.url).map((message) => ({ field: 'url', message })),
    ...(Number.isInteger(input.everyMinutes) && input.everyMinutes >= 15 && input.everyMinutes <= 44_640
      ? []
      : [{ field: 'everyMinutes', message: '拉取间隔应为 15 分钟至 31 天之间的整数分钟' }]),
    ...Object.entries(input.headers ?? {}).flatMap(([k, v]) =>
      // HTTP header values are bytes: visible ASCII only (a Chinese token cannot be sent as such).
      HEADER_NAME.test(k) && /^[\x20-\x7e]{0,4096}$/.test(v)
        ? []
        : [
            {
              field: `headers.${k}`,
              message: '请求头名称只能含字母、数字和连字符，取值只能含可见 ASCII 字符且不超过 4096 个字符',
            },
          ],
    ),
  ];
  if (errors.length) throw validationFailed(errors);
}

const headerAad = (datasetId: number) => `agg_pull.headers:${datasetId}`;

function toView(r: Selectable<AggPullTable> & { headerNames: string[] }): PullView {
  return {
    datasetId: r.dataset_id,
    url: r.url,
    kind: r.kind,
    everyMinutes: r.every_minutes,
    arrayPath: r.array_path,
    headerNames: r.headerNames,
    enabled: r.enabled,
    runAs: r.run_as,
    nextRunAt: r.next_run_at.toISOString(),
    lastRunAt: r.last_run_at?.toISOString() ?? null,
    lastLoadId: r.last_load_id === null ? null : String(r.last_load_id),
    lastError: r.last_error,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
  };
}

async function headersOf(ctx: Ctx, datasetId: number, sealed: Uint8Array | null) {
  if (!sealed) return {} as Record<string, string>;
  const ds = await ctx.db
    .selectFrom('agg_dataset')
    .select('data_key_id')
    .where('id', '=', datasetId)
    .executeTakeFirstOrThrow();
  const key = await dataKey(ctx.db, ctx.config, ds.data_key_id);
  return JSON.parse(openSm4Gcm(key.cipher, sealed, headerAad(datasetId)).toString('utf8')) as Record<
    string,
    string
  >;
}

/** The dataset's pull, or null; visible to whoever sees the dataset. */
export async function getPull(ctx: Ctx, actor: Actor, datasetId: number): Promise<PullView | null> {
  await getDataset(ctx, actor, datasetId);
  const r = await ctx.db
    .selectFrom('agg_pull')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .executeTakeFirst();
  if (!r) return null;
  return toView({ ...r, headerNames: Object.keys(await headersOf(ctx, datasetId, r.headers_sealed)).sort() });
}

/** Sets up or changes the dataset's pull (the provider's data officer); the first run is due at once. */
export async function putPull(
  ctx: Ctx,
  actor: Actor,
  datasetId: number,
  input: PullInput,
): Promise<PullView> {
  const ds = await loadableDataset(ctx, actor, datasetId);
  if (ds.mode !== 'physical')
    throw ruleViolated('aggregation-logical-dataset', '逻辑汇聚的数据集不拉取数据', 'Art. 18');
  validate(ctx.config, input);
  const key = await dataKey(ctx.db, ctx.config, ds.dataKeyId);
  await inTransaction(ctx, actor, async (tx) => {
    const old = await tx.db
      .selectFrom('agg_pull')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .forUpdate()
      .executeTakeFirst();
    const headers_sealed =
      input.headers === undefined
        ? (old?.headers_sealed ?? null)
        : input.headers === null || !Object.keys(input.headers).length
          ? null
          : sealSm4Gcm(key.cipher, JSON.stringify(input.headers), headerAad(datasetId));
    const values = {
      url: input.url,
      kind: input.kind,
      every_minutes: input.everyMinutes,
      array_path: input.arrayPath?.trim() || null,
      headers_sealed,
      enabled: input.enabled,
      run_as: actor.username,
      // A new or re-enabled pull runs at the next tick; a changed one keeps its schedule.
      next_run_at: old?.enabled && input.enabled ? old.next_run_at : tx.now,
      updated_at: tx.now,
      updated_by: actor.username,
    };
    if (old) await tx.db.updateTable('agg_pull').set(values).where('dataset_id', '=', datasetId).execute();
    else
      await tx.db
        .insertInto('agg_pull')
        .values({ dataset_id: datasetId, ...values })
        .execute();
    tx.record({
      action: old ? 'aggregation.pull.change' : 'aggregation.pull.create',
      subject: `dataset:${datasetId}`,
      // The header values are secrets: only their names are recorded.
      details: {
        url: input.url,
        kind: input.kind,
        everyMinutes: input.everyMinutes,
        enabled: input.enabled,
        headerNames: input.headers ? Object.keys(input.headers).sort() : undefined,
      },
    });
  });
  return (await getPull(ctx, actor, datasetId))!;
}

/** Removes the dataset's pull (its past loads stay). */
export async function deletePull(ctx: Ctx, actor: Actor, datasetId: number): Promise<void> {
  await loadableDataset(ctx, actor, datasetId);
  await inTransaction(ctx, actor, async (tx) => {
    const r = await tx.db.deleteFrom('agg_pull').where('dataset_id', '=', datasetId).executeTakeFirst();
    if (Number(r.numDeletedRows))
      tx.record({ action: 'aggregation.pull.delete', subject: `dataset:${datasetId}`, details: {} });
  });
}

/**
 * One run of a dataset's pull: an ordinary load from the interface, as the account that set it up
 * (refused if it may no longer load this dataset). Failures are noted on the pull and messaged.
 */
export async function runPull(
  ctx: Ctx,
  datasetId: number,
  opts: { onOpened?: (loadId: string) => void } = {},
): Promise<{ loadId: string | null; error: string | null }> {
  const p = await ctx.db
    .selectFrom('agg_pull')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .executeTakeFirst();
  if (!p) return { loadId: null, error: '未配置定时拉取' };
  let loadId: string | null = null;
  let error: string | null = null;
  try {
    const actor = await actorByUsername(ctx.db, p.run_as);
    if (!actor?.roles.includes('data_officer'))
      throw ruleViolated('aggregation-pull-actor', '定时拉取的执行账号已失效', 'Art. 18', {
        detail: `账号 ${p.run_as} 已停用或不再是数据管理员，请由本部门数据管理员重新保存拉取配置`,
      });
    const problems = checkUrl(ctx.config, p.url);
    if (problems.length) throw ruleViolated('aggregation-pull-host', problems[0], 'Art. 18');
    const source = await openHttpJson({
      url: p.url,
      headers: await headersOf(ctx, datasetId, p.headers_sealed),
      json: p.array_path ? { arrayPath: p.array_path } : undefined,
    });
    const result = await runLoad(ctx, actor, datasetId, source, {
      kind: p.kind,
      source: 'pull',
      fileName: p.url,
      onOpened: (id) => {
        loadId = id;
        opts.onOpened?.(id);
      },
    });
    loadId = result.loadId;
    if (result.status === 'failed' || result.status === 'rejected')
      error = result.status === 'rejected' ? '拉取的数据错误率超过阈值，整批退回' : '拉取的批次装载失败';
  } catch (err) {
    error = (err as { title?: string; detail?: string; message?: string }).detail ?? (err as Error).message;
  }
  const now = ctx.clock.now();
  await inTransaction(ctx, systemActor, async (tx) => {
    await tx.db
      .updateTable('agg_pull')
      .set({ last_run_at: now, last_load_id: loadId, last_error: error })
      .where('dataset_id', '=', datasetId)
      .execute();
    if (error) {
      tx.record({
        action: 'aggregation.pull.fail',
        subject: `dataset:${datasetId}`,
        details: { loadId, error },
      });
      const ds = await tx.db
        .selectFrom('agg_dataset')
        .select(['name', 'provider_agency_id'])
        .where('id', '=', datasetId)
        .executeTakeFirstOrThrow();
      await sendMessage(tx, {
        to: { agencyId: ds.provider_agency_id, roles: ['data_officer'] },
        category: 'warning',
        title: `数据集「${ds.name}」定时拉取失败`,
        body: `${p.url}：${error}`,
        link: `/console/aggregation/datasets/${datasetId}`,
      });
    }
  });
  return { loadId, error };
}

/**
 * A run asked for now (立即拉取): the schedule restarts from now, so the job does not pull again at
 * once; answers as soon as the load is open (or with the pull's error when it could not start).
 */
export async function runPullNow(ctx: Ctx, actor: Actor, datasetId: number): Promise<string | null> {
  await loadableDataset(ctx, actor, datasetId);
  const now = ctx.clock.now();
  const claimed = await ctx.db
    .updateTable('agg_pull')
    .set({ next_run_at: sql<Date>`${now}::timestamptz + make_interval(mins => every_minutes)` })
    .where('dataset_id', '=', datasetId)
    .returning('dataset_id')
    .executeTakeFirst();
  if (!claimed) throw conflict('aggregation-pull-missing', '该数据集未设置定时拉取');
  return new Promise<string | null>((resolve) => {
    runPull(ctx, datasetId, { onOpened: resolve })
      .then((r) => resolve(r.loadId))
      .catch((err) => {
        ctx.log.warn({ err, datasetId }, 'pull failed');
        resolve(null);
      });
  });
}

/**
 * The job: claims every due pull by moving its next run one interval on (one statement, so two
 * processes never claim the same run), then runs them one after another.
 */
export async function runDuePulls(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .updateTable('agg_pull')
    .set({ next_run_at: sql<Date>`${now}::timestamptz + make_interval(mins => every_minutes)` })
    .where('enabled', '=', true)
    .where('next_run_at', '<=', now)
    .returning('dataset_id')
    .execute();
  for (const d of due) await runPull(ctx, d.dataset_id);
  return due.length;
}
