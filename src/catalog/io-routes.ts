import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { DomainError } from '../kernel/errors.ts';
import { attachment, XLSX_MIME } from './io.ts';
import { dcatCatalog } from './io-dcat.ts';
import { exportCatalog } from './io-export.ts';
import { importCatalog } from './io-import.ts';
import { importTemplate } from './io-template.ts';
import { fileFromMultipart, MAX_UPLOAD_BYTES } from './io-xlsx.ts';

const tags = ['政务数据目录'];
const binary = (description: string) => z.string().meta({ format: 'binary', description });
const Notice = z.object({ row: z.number(), message: z.string(), article: z.string().optional() });
const Created = z.object({ row: z.number(), id: z.number(), code: z.string(), name: z.string() });

const notAFile = () =>
  new DomainError(415, 'catalog-import-not-xlsx', '请上传 .xlsx 文件', {
    detail: `请求体应为 Excel 文件（${XLSX_MIME}），或以 multipart/form-data 上传的文件`,
  });

export function ioRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (parent) => {
    // Its own context: the file body parsers apply to these routes only.
    await parent.register(async (app) => {
      for (const type of [XLSX_MIME, 'application/octet-stream', 'multipart/form-data'])
        app.addContentTypeParser(
          type,
          { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES + 64 * 1024 },
          (_r, b, done) => done(null, b),
        );

      app.get(
        '/catalog/import/template',
        {
          config: { permission: 'catalog.edit' },
          schema: {
            tags,
            summary: '下载目录导入模板（Excel）',
            description:
              '第十三条：按省级目录标准批量编制目录。模板含“目录”“数据项”“说明”工作表，下拉列表取自当前目录标准字典。',
            response: {
              200: { description: '导入模板', content: { [XLSX_MIME]: { schema: binary('.xlsx 文件') } } },
            },
          },
        },
        async (_req, reply) =>
          reply
            .type(XLSX_MIME)
            .header(
              'content-disposition',
              attachment('政务数据目录导入模板.xlsx', 'catalog-import-template.xlsx'),
            )
            .send(await importTemplate(ctx.db)),
      );

      app.post(
        '/catalog/import',
        {
          config: { permission: 'catalog.edit' },
          bodyLimit: MAX_UPLOAD_BYTES + 64 * 1024,
          schema: {
            tags,
            summary: '导入目录（Excel）',
            description:
              '第十三条：以导入模板为本部门批量编制目录草稿。请求体为 .xlsx 文件（也可用 multipart/form-data 上传）。' +
              '任一行有错误（含第十四条、第二十一条、第三十三条规则）即返回 422 并逐行列出 errors（工作表、行号、列、原因），不导入任何目录；' +
              `全部通过则在一个事务中创建草稿。每次最多 2000 个目录、${MAX_UPLOAD_BYTES / 1024 / 1024} MB。`,
            consumes: [XLSX_MIME],
            // The parsers above hand over the raw bytes; the file is checked by the import itself.
            body: z.any().meta({ type: 'string', format: 'binary', description: '.xlsx 文件' }),
            response: {
              201: z.object({ created: z.array(Created), notices: z.array(Notice) }),
            },
          },
        },
        async (req, reply) => {
          const type = String(req.headers['content-type'] ?? '');
          const body = req.body as unknown;
          if (!Buffer.isBuffer(body)) throw notAFile();
          const file = type.startsWith('multipart/form-data') ? fileFromMultipart(body, type) : body;
          if (!file) throw notAFile();
          return reply.code(201).send(await importCatalog(ctx, principalOf(req), file));
        },
      );
    });
    parent.get(
      '/catalog/export',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '导出已发布目录（CSV / Excel）',
          description:
            '第十一条、第十二条：政务部门可获取全省已发布的目录（各目录的现行版本）。CSV 为带 BOM 的 UTF-8；Excel 含“目录”和“数据项”两个工作表。每次导出记入留痕。',
          querystring: z.object({
            format: z.enum(['csv', 'xlsx']).default('xlsx'),
            providerAgencyId: z.coerce.number().int().positive().optional(),
            groupCode: z.string().max(40).optional().meta({ description: '目录分组代码，含其下级分组' }),
          }),
          response: {
            200: {
              description: '目录文件',
              content: {
                'text/csv': { schema: binary('CSV 文件') },
                [XLSX_MIME]: { schema: binary('.xlsx 文件') },
              },
            },
          },
        },
      },
      async (req, reply) => {
        const { format, ...filter } = req.query;
        const r = await exportCatalog(ctx, principalOf(req), format, filter);
        return reply
          .type(r.contentType)
          .header('content-disposition', r.disposition)
          .header('x-total-count', String(r.entries))
          .send(r.body as never); // a stream: sent as it is produced, not serialized
      },
    );

    parent.get(
      '/catalog/dcat.jsonld',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary: '开放目录（DCAT-AP JSON-LD）',
          description:
            '第三十二条、第三十三条：无条件开放和有条件开放的已发布目录，按 DCAT-AP 以 JSON-LD 表示，供开放平台和数据门户采集；分页以 hydra 链接给出。',
          security: [],
          querystring: z.object({
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(1000).default(200),
          }),
          response: {
            200: {
              description: 'dcat:Catalog',
              content: { 'application/ld+json': { schema: z.looseObject({ '@context': z.unknown() }) } },
            },
          },
        },
      },
      async (req, reply) => {
        const origin = `${req.protocol}://${req.host}`;
        const doc = await dcatCatalog(ctx, origin, req.query);
        return reply.type('application/ld+json; charset=utf-8').send(doc);
      },
    );
  };
}
