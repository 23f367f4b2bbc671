import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { DomainError } from '../kernel/errors.ts';
import { databaseRoutes } from './databases.ts';
import { createDataset, getDataset, listDatasets } from './datasets.ts';
import { runLoad } from './load.ts';
import { cancelLoad, confirmLoad } from './load-decisions.ts';
import { getLoad, listLoads, rejectedRowsCsv } from './loads-view.ts';
import { logicalSourceRoutes } from './logical-routes.ts';
import { pullRoutes } from './pull-routes.ts';
import { openFile } from './readers/index.ts';
import { reconciliationOf } from './reconciliation.ts';
import { readRecords } from './records.ts';

const tags = ['数据汇聚'];
/** An upload larger than this is refused (2 GiB: a province's largest table exports). */
export const MAX_LOAD_BYTES = 2 * 1024 ** 3;
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const LoadId = z.string().regex(/^\d{1,18}$/, '应为批次编号');
const DatasetParams = z.object({ id: Id });
const LoadParams = z.object({ id: Id, loadId: LoadId });

const Column = z.object({
  position: z.number(),
  itemCode: z.string(),
  itemName: z.string(),
  sourceName: z.string(),
  dataType: z.string(),
  piKind: z.string().nullable(),
  grade: z.string(),
  protected: z.boolean().meta({ description: '第三十八条：是否加密存储' }),
  rules: z.array(z.any()),
});
const DatasetSchema = z.object({
  id: z.number(),
  entryId: z.number(),
  entryVersion: z.number(),
  providerAgencyId: z.number(),
  regionCode: z.string(),
  name: z.string(),
  mode: z.enum(['physical', 'logical']),
  keyItems: z.array(z.string()),
  errorThreshold: z.number(),
  closeGuard: z.number(),
  dataKeyId: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  columns: z.array(Column),
});
const LoadSchema = z.object({
  id: z.string(),
  datasetId: z.number(),
  kind: z.string(),
  source: z.string(),
  fileName: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  startedBy: z.string(),
  finishedAt: z.string().nullable(),
  committedAt: z.string().nullable(),
  progress: z.number().nullable(),
  bytesRead: z.number(),
  bytesTotal: z.number().nullable(),
  rowsRead: z.number(),
  rowsAccepted: z.number(),
  rowsRejected: z.number(),
  rowsAdded: z.number(),
  rowsChanged: z.number(),
  rowsUnchanged: z.number(),
  rowsClosed: z.number(),
  error: z.string().nullable(),
  report: z.any().optional(),
});

/** Streams a request body to a file under the data folder; refuses past MAX_LOAD_BYTES. */
async function saveUpload(ctx: Ctx, body: NodeJS.ReadableStream): Promise<string> {
  const dir = path.join(ctx.config.dataDir, 'uploads');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `load-${randomBytes(8).toString('hex')}`);
  try {
    await pipeline(body, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    // An upload cut off halfway leaves nothing behind.
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return file;
}

export function aggregationRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (parent) => {
    await parent.register(databaseRoutes(ctx));
    // Its own context: uploads arrive as raw streams (never buffered whole).
    await parent.register(async (plain) => {
      const app = plain.withTypeProvider<ZodTypeProvider>();
      app.addContentTypeParser('*', { bodyLimit: MAX_LOAD_BYTES }, (_req, payload, done) =>
        done(null, payload),
      );

      app.get(
        '/aggregation/datasets',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '数据集列表',
            description: '第十八条：本部门登记的数据集；主管部门可见其审核范围内各部门的数据集。',
            response: { 200: z.object({ items: z.array(DatasetSchema) }) },
          },
        },
        async (req) => ({ items: await listDatasets(ctx, principalOf(req)) }),
      );

      app.post(
        '/aggregation/datasets',
        {
          config: { permission: 'aggregation.load' },
          schema: {
            tags,
            summary: '登记数据集',
            description:
              '第十八条：提供部门为本部门已发布的目录登记数据集（物理汇聚）。数据项取自目录，质量规则取自数据元（第十九条）；' +
              '重要、核心及个人信息数据项加密存储（第三十八条）。',
            body: z.object({
              entryId: Id,
              keyItems: z
                .array(z.string().min(1).max(60))
                .min(1)
                .max(10)
                .meta({ description: '主键数据项编码' }),
              sourceNames: z.record(z.string(), z.string().min(1).max(100)).optional().meta({
                description: '数据项编码 → 文件列名（与数据项名称不同时）',
              }),
              errorThreshold: z
                .number()
                .min(0)
                .max(1)
                .optional()
                .meta({ description: '错误率阈值，默认 0.05' }),
              closeGuard: z
                .number()
                .min(0)
                .max(1)
                .optional()
                .meta({ description: '全量关闭比例上限，默认 0.2' }),
            }),
            response: { 201: DatasetSchema },
          },
        },
        async (req, reply) => reply.code(201).send(await createDataset(ctx, principalOf(req), req.body)),
      );

      app.get(
        '/aggregation/datasets/:id',
        {
          config: { permission: 'aggregation.read' },
          schema: { tags, summary: '数据集详情', params: DatasetParams, response: { 200: DatasetSchema } },
        },
        async (req) => getDataset(ctx, principalOf(req), req.params.id),
      );

      app.post(
        '/aggregation/datasets/:id/loads',
        {
          config: { permission: 'aggregation.load' },
          bodyLimit: MAX_LOAD_BYTES,
          schema: {
            tags,
            summary: '上传文件并汇聚',
            description:
              '第十八条：请求体为数据文件本身（CSV（UTF-8 或 GBK）、XLSX、JSON 或 NDJSON，按内容识别）。' +
              '文件存盘后立即返回 202 与批次编号，汇聚在后台进行；以批次详情查询进度与质量报告（第十九条）。',
            params: DatasetParams,
            querystring: z.object({
              kind: z.enum(['full', 'incremental']).default('full').meta({ description: '全量或增量' }),
              fileName: z.string().max(200).optional(),
            }),
            body: z.any().meta({ type: 'string', format: 'binary', description: '数据文件' }),
            response: { 202: z.object({ loadId: z.string() }) },
          },
        },
        async (req, reply) => {
          const actor = principalOf(req);
          await getDataset(ctx, actor, req.params.id);
          if (!req.body || typeof (req.body as NodeJS.ReadableStream).pipe !== 'function')
            throw new DomainError(415, 'aggregation-no-file', '请上传数据文件', {
              detail: '请求体应为文件内容',
            });
          const file = await saveUpload(ctx, req.body as NodeJS.ReadableStream);
          const cleanup = () => fs.promises.rm(file, { force: true });
          try {
            const source = await openFile(file);
            const opened = new Promise<string>((resolve, reject) => {
              runLoad(ctx, actor, req.params.id, source, {
                kind: req.query.kind,
                source: 'upload',
                fileName: req.query.fileName ?? null,
                onOpened: resolve,
              })
                .catch((err) => {
                  reject(err);
                  ctx.log.warn({ err, datasetId: req.params.id }, 'load failed');
                })
                .finally(cleanup);
            });
            return reply.code(202).send({ loadId: await opened });
          } catch (err) {
            await cleanup();
            throw err;
          }
        },
      );

      app.get(
        '/aggregation/datasets/:id/loads',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '汇聚批次列表',
            params: DatasetParams,
            response: { 200: z.object({ items: z.array(LoadSchema) }) },
          },
        },
        async (req) => ({ items: await listLoads(ctx, principalOf(req), req.params.id) }),
      );

      app.get(
        '/aggregation/datasets/:id/loads/:loadId',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '汇聚批次详情（进度与质量报告）',
            description: '第十九条：读取、接收、拒收行数，各规则各数据项的问题数与脱敏样例。',
            params: LoadParams,
            response: { 200: LoadSchema },
          },
        },
        async (req) => getLoad(ctx, principalOf(req), req.params.id, req.params.loadId),
      );

      for (const [action, summary, fn] of [
        ['confirm', '确认全量批次（关闭超过阈值的记录）', confirmLoad],
        ['cancel', '撤销等待确认的批次', cancelLoad],
      ] as const)
        app.post(
          `/aggregation/datasets/:id/loads/:loadId/${action}`,
          {
            config: { permission: 'aggregation.load' },
            schema: {
              tags,
              summary,
              description:
                '第十八条：全量文件将关闭超过数据集阈值（默认 20%）的现有记录时，须提供部门确认或撤销。',
              params: LoadParams,
              response: { 200: LoadSchema },
            },
          },
          async (req) => {
            const actor = principalOf(req);
            await fn(ctx, actor, req.params.id, req.params.loadId);
            return getLoad(ctx, actor, req.params.id, req.params.loadId);
          },
        );

      app.get(
        '/aggregation/datasets/:id/loads/:loadId/rejected.csv',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '下载拒收数据（CSV）',
            description:
              '第十九条：逐行列出行号、拒收原因与原始数据。个人信息默认脱敏；clear=true 仅限提供部门的数据管理员，且每次留痕（第三十三条）。',
            params: LoadParams,
            querystring: z.object({ clear: z.enum(['true', 'false']).default('false') }),
            response: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
          },
        },
        async (req, reply) => {
          const csv = await rejectedRowsCsv(
            ctx,
            principalOf(req),
            req.params.id,
            req.params.loadId,
            req.query.clear === 'true',
          );
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="rejected-${req.params.loadId}.csv"`)
            .send(csv);
        },
      );

      app.get(
        '/aggregation/datasets/:id/reconciliation',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '日常对账报告',
            description:
              '第十九条：每日对账——按目录更新频率判断是否逾期、记录数较上次对账的变化（超过 30% 标记）、最近批次错误率趋势。',
            params: DatasetParams,
            response: {
              200: z.object({
                items: z.array(
                  z.object({
                    datasetId: z.number(),
                    day: z.string(),
                    lastLoadAt: z.string().nullable(),
                    dueAt: z.string().nullable(),
                    late: z.boolean(),
                    currentRows: z.number(),
                    previousRows: z.number().nullable(),
                    changeRatio: z.number().nullable(),
                    changeFlagged: z.boolean(),
                    errorRates: z.array(z.number()),
                    qualityTrend: z.enum(['improving', 'stable', 'worsening', 'none']),
                  }),
                ),
              }),
            },
          },
        },
        async (req) => ({ items: await reconciliationOf(ctx, principalOf(req), req.params.id) }),
      );

      app.get(
        '/aggregation/datasets/:id/records',
        {
          config: { permission: 'aggregation.read' },
          schema: {
            tags,
            summary: '查阅数据集记录（可回溯任一时点）',
            description:
              '第十八条、第四十一条：当前或 asOf 时点的记录（每个主键在该时点已提交的最新版本）。个人信息默认脱敏；' +
              'clear=true 仅限提供部门的数据管理员（第三十三条）。每次查阅留痕。',
            params: DatasetParams,
            querystring: z.object({
              asOf: z.iso.datetime({ offset: true }).optional(),
              after: z
                .string()
                .regex(/^[0-9a-f]{64}$/)
                .optional()
                .meta({ description: '上一页返回的 next' }),
              limit: z.coerce.number().int().min(1).max(1000).default(100),
              clear: z.enum(['true', 'false']).default('false'),
            }),
            response: {
              200: z.object({
                items: z.array(z.record(z.string(), z.string().nullable())),
                next: z.string().nullable(),
                asOf: z.string(),
              }),
            },
          },
        },
        async (req) =>
          readRecords(ctx, principalOf(req), req.params.id, {
            asOf: req.query.asOf ? new Date(req.query.asOf) : undefined,
            after: req.query.after,
            limit: req.query.limit,
            clear: req.query.clear === 'true',
          }),
      );
    });
    await parent.register(pullRoutes(ctx));
    await parent.register(logicalSourceRoutes(ctx));
  };
}
