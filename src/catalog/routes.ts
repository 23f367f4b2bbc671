import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { DICTIONARY_KINDS, listDataElements, listTerms, putTerm, saveDataElement } from './dictionaries.ts';
import { createEntry, deleteEntry, getEntry, updateEntry } from './entries.ts';
import { governanceRoutes } from './governance-routes.ts';
import { ioRoutes } from './io-routes.ts';
import { lifecycleRoutes } from './lifecycle-routes.ts';
import { submitEntry } from './review.ts';
import { searchRoutes } from './search-routes.ts';
import { createVersion, diffVersions, getVersion, listVersions } from './versions.ts';

const tags = ['政务数据目录'];
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const Kind = z
  .enum(DICTIONARY_KINDS)
  .meta({ description: 'classes 分类码 · groups 分组 · formats 格式 · frequencies 更新频率 · grades 分级' });
const IncludeRetired = z.object({ includeRetired: z.stringbool().optional() });
const str = (max: number) => z.string().max(max);

const TermSchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  rank: z.number().nullable(),
  sortOrder: z.number(),
  description: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  retired: z.boolean(),
});

const ElementSchema = z.object({
  id: z.number(),
  identifier: z.string(),
  name: z.string(),
  synonyms: z.array(z.string()),
  fieldName: z.string(),
  dataType: z.string(),
  length: z.number().nullable(),
  formatRule: z.string().nullable(),
  standard: z.string().nullable(),
  piKind: z.string().nullable(),
  defaultGrade: z.string().nullable(),
  version: z.number(),
  retired: z.boolean(),
});

const ElementInput = z.object({
  name: str(50),
  synonyms: z.array(str(50)).max(20).optional(),
  fieldName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '字段名应以字母开头，仅含字母、数字和下划线'),
  dataType: str(20),
  length: z.number().int().positive().nullish(),
  formatRule: str(500).nullish(),
  standard: str(100).nullish(),
  piKind: str(20).nullish(),
  defaultGrade: str(40).nullish(),
  retired: z.boolean().optional(),
});

const ItemInput = z.object({
  name: str(100),
  code: str(64).nullish(),
  dataType: str(20).nullish(),
  length: z.number().int().nullish(),
  required: z.boolean().optional(),
  piKind: str(20).nullish(),
  grade: str(40).nullish(),
  dataElementId: z.number().int().positive().nullish(),
});

const EntryInput = z.object({
  name: str(200),
  summary: str(2000),
  classificationCode: str(8),
  groupCode: str(40),
  formatCode: str(40),
  frequencyCode: str(40),
  shareType: str(10).meta({ description: '无条件共享 / 有条件共享 / 不予共享' }),
  shareConditions: z.object({ scope: str(500).nullish(), purpose: str(500).nullish() }).nullish(),
  shareLegalBasis: str(1000).nullish(),
  openType: str(10)
    .nullish()
    .meta({ description: '无条件开放 / 有条件开放 / 不予开放；含个人信息且未填写时默认不予开放' }),
  openConditions: str(1000).nullish(),
  openReason: str(1000).nullish(),
  piConsent: z.object({ basis: str(1000) }).nullish(),
  relatedEntryIds: z.array(z.number().int().positive()).max(50).optional(),
  items: z.array(ItemInput).max(500),
});

const EntrySchema = z.object({
  id: z.number(),
  code: z.string(),
  status: z.string(),
  version: z.number(),
  versionStatus: z.string(),
  providerAgency: z.object({ id: z.number(), name: z.string(), level: z.string(), regionCode: z.string() }),
  classificationCode: z.string(),
  name: z.string(),
  summary: z.string(),
  groupCode: z.string(),
  formatCode: z.string(),
  frequencyCode: z.string(),
  shareType: z.string(),
  shareConditions: z.object({ scope: z.string().nullable(), purpose: z.string().nullable() }).nullable(),
  shareLegalBasis: z.string().nullable(),
  openType: z.string(),
  openConditions: z.string().nullable(),
  openReason: z.string().nullable(),
  piConsent: z.object({ basis: z.string() }).nullable(),
  grade: z.string().meta({ description: '第十四条：按数据项就高从严计算' }),
  publishDate: z.string().nullable(),
  relatedEntryIds: z.array(z.number()),
  items: z.array(
    z.object({
      name: z.string(),
      code: z.string(),
      dataType: z.string(),
      length: z.number().nullable(),
      required: z.boolean(),
      piKind: z.string().nullable(),
      grade: z.string(),
      dataElementId: z.number().nullable(),
      boundAutomatically: z.boolean(),
    }),
  ),
  updatedAt: z.string(),
  updatedBy: z.string(),
  reviewMatterId: z
    .number()
    .nullable()
    .meta({ description: '第十二条：最近一次目录审核事项（本部门及审核部门可见）' }),
});

const VersionSummary = z.object({
  version: z.number(),
  status: z.string(),
  name: z.string(),
  publishDate: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const Change = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
const DiffSchema = z.object({
  from: z.number(),
  to: z.number(),
  fields: z.array(Change),
  items: z.object({
    added: z.array(EntrySchema.shape.items.element),
    removed: z.array(EntrySchema.shape.items.element),
    changed: z.array(z.object({ code: z.string(), name: z.string(), changes: z.array(Change) })),
  }),
});
const VersionParams = IdParams.extend({ n: z.coerce.number().int().positive() });

const Notices = z.array(z.object({ article: z.string().optional(), message: z.string() }));
const EntryWithNotices = EntrySchema.extend({ notices: Notices });

export function catalogRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app, opts) => {
    // Each part of the module keeps its routes in its own file.
    for (const part of [lifecycleRoutes, governanceRoutes, searchRoutes, ioRoutes])
      await part(ctx)(app, opts);
    app.get(
      '/catalog/dictionaries/:kind',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '查看目录标准字典',
          params: z.object({ kind: Kind }),
          querystring: IncludeRetired,
          response: { 200: z.object({ items: z.array(TermSchema) }) },
        },
      },
      async (req) => ({ items: await listTerms(ctx.db, req.params.kind, req.query.includeRetired) }),
    );
    app.put(
      '/catalog/dictionaries/:kind/:code',
      {
        config: { permission: 'catalog.dictionary.manage' },
        schema: {
          tags,
          summary: '新增或修改字典项（省级主管部门）',
          description: '第十二条：目录标准由省级政务数据主管部门统一制定；每次修改版本号加一并留痕。',
          params: z.object({ kind: Kind, code: str(40) }),
          body: z.object({
            name: str(50),
            parentCode: str(40).nullish(),
            rank: z.number().int().min(0).max(1000).nullish(),
            sortOrder: z.number().int().optional(),
            description: str(500).nullish(),
            retired: z.boolean().optional(),
          }),
          response: { 200: TermSchema },
        },
      },
      async (req) => putTerm(ctx, principalOf(req), req.params.kind, req.params.code, req.body),
    );
    app.get(
      '/catalog/data-elements',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '查看数据元字典',
          querystring: IncludeRetired,
          response: { 200: z.object({ items: z.array(ElementSchema) }) },
        },
      },
      async (req) => ({ items: await listDataElements(ctx.db, req.query.includeRetired) }),
    );
    app.post(
      '/catalog/data-elements',
      {
        config: { permission: 'catalog.dictionary.manage' },
        schema: {
          tags,
          summary: '新增数据元（省级主管部门）',
          body: ElementInput,
          response: { 201: ElementSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await saveDataElement(ctx, principalOf(req), null, req.body)),
    );
    app.put(
      '/catalog/data-elements/:id',
      {
        config: { permission: 'catalog.dictionary.manage' },
        schema: {
          tags,
          summary: '修改数据元（省级主管部门）',
          params: IdParams,
          body: ElementInput,
          response: { 200: ElementSchema },
        },
      },
      async (req) => saveDataElement(ctx, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/catalog/entries',
      {
        config: { permission: 'catalog.edit' },
        schema: {
          tags,
          summary: '编制目录（草稿）',
          description:
            '第十三条：为本部门新建目录草稿，系统生成目录代码；数据项名称与数据元名称或同义词一致时自动关联。notices 列出按规则处理的情形（如第二十一条）。',
          body: EntryInput,
          response: { 201: EntryWithNotices },
        },
      },
      async (req, reply) => {
        const r = await createEntry(ctx, principalOf(req), req.body);
        return reply.code(201).send({ ...r.entry, notices: r.notices });
      },
    );
    app.get(
      '/catalog/entries/:id',
      {
        config: { permission: 'catalog.read' },
        schema: { tags, summary: '查看目录', params: IdParams, response: { 200: EntrySchema } },
      },
      async (req) => getEntry(ctx, principalOf(req), req.params.id),
    );
    app.put(
      '/catalog/entries/:id',
      {
        config: { permission: 'catalog.edit' },
        schema: {
          tags,
          summary: '修改目录草稿',
          description: '仅草稿或被退回的目录、仅本部门可修改。',
          params: IdParams,
          body: EntryInput,
          response: { 200: EntryWithNotices },
        },
      },
      async (req) => {
        const r = await updateEntry(ctx, principalOf(req), req.params.id, req.body);
        return { ...r.entry, notices: r.notices };
      },
    );
    app.delete(
      '/catalog/entries/:id',
      {
        config: { permission: 'catalog.edit' },
        schema: { tags, summary: '删除未提交的目录草稿', params: IdParams },
      },
      async (req, reply) => {
        await deleteEntry(ctx, principalOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
    app.post(
      '/catalog/entries/:id/submit',
      {
        config: { permission: 'catalog.edit' },
        schema: {
          tags,
          summary: '提交目录审核',
          description:
            '第十二条：提交同级政务数据主管部门审核（主管部门本级目录提交上一级）；被退回修改的版本修改后再次提交。第十七条：数据项与其他部门已发布目录重复的，须填写重复采集说明（justification，不少于10字），否则返回422并在 overlaps 中列出重复的目录。',
          params: IdParams,
          body: z
            .object({
              justification: str(2000)
                .optional()
                .meta({ description: '第十七条：重复采集说明——确需重新采集的理由' }),
            })
            .nullish(),
          response: { 200: EntrySchema },
        },
      },
      async (req) => submitEntry(ctx, principalOf(req), req.params.id, req.body ?? {}),
    );
    app.post(
      '/catalog/entries/:id/versions',
      {
        config: { permission: 'catalog.edit' },
        schema: {
          tags,
          summary: '变更已发布目录（新建版本）',
          description: '第十二条：已发布目录的变更以新版本编制并重新审核，原版本仍可查阅。',
          params: IdParams,
          response: { 201: EntrySchema },
        },
      },
      async (req, reply) => reply.code(201).send(await createVersion(ctx, principalOf(req), req.params.id)),
    );
    app.get(
      '/catalog/entries/:id/versions',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '目录版本列表',
          params: IdParams,
          response: { 200: z.object({ items: z.array(VersionSummary) }) },
        },
      },
      async (req) => ({ items: await listVersions(ctx, principalOf(req), req.params.id) }),
    );
    app.get(
      '/catalog/entries/:id/versions/:n',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '查看目录的某一版本',
          params: VersionParams,
          response: { 200: EntrySchema },
        },
      },
      async (req) => getVersion(ctx, principalOf(req), req.params.id, req.params.n),
    );
    app.get(
      '/catalog/entries/:id/diff',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '比较目录两个版本',
          description: '逐字段列出目录信息的变化，以及新增、删除和变化的数据项（按代码或名称对应）。',
          params: IdParams,
          querystring: z.object({
            from: z.coerce.number().int().positive(),
            to: z.coerce.number().int().positive(),
          }),
          response: { 200: DiffSchema },
        },
      },
      async (req) => diffVersions(ctx, principalOf(req), req.params.id, req.query.from, req.query.to),
    );
  };
}
