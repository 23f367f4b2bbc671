import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth-plugin.ts';
import type { Ctx } from '../kernel/context.ts';
import { searchEntries } from './search.ts';
import { FACETS } from './search-facets.ts';

const tags = ['政务数据目录'];

/** A filter takes one value, several (`group=a&group=b`) or a comma-separated list (`group=a,b`). */
const many = <T extends z.ZodType<string, string>>(item: T, description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50))
    .optional()
    .meta({ description });

const SearchQuery = z.object({
  q: z.string().max(100).optional().meta({
    description: '检索词（中文全文：目录名称、摘要、数据项名称、资源代码、提供部门名称；空格分隔多个词）',
  }),
  provider: many(z.string().regex(/^\d+$/, '应为机构编号'), '提供部门（机构编号）'),
  group: many(z.string().max(40), '目录分组代码'),
  shareType: many(z.enum(['无条件共享', '有条件共享', '不予共享']), '共享类型'),
  openType: many(z.enum(['无条件开放', '有条件开放', '不予开放']), '开放类型'),
  grade: many(z.string().max(40), '分级代码'),
  format: many(z.string().max(40), '资源格式代码'),
  frequency: many(z.string().max(40), '更新频率代码'),
  level: many(z.enum(['province', 'city', 'county']), '提供部门层级'),
  region: many(z.string().regex(/^\d{6}$/, '应为6位行政区划代码'), '行政区划代码（含下级区划）'),
  status: many(
    z.enum(['draft', 'submitted', 'returned', 'published', 'revoking', 'revoked']),
    '目录状态（未发布的目录仅本部门及其审核部门可见）',
  ),
  sort: z
    .enum(['relevance', 'updated', 'name', 'code', 'publishDate'])
    .optional()
    .meta({ description: '排序：有检索词时默认 relevance（相关度），否则 updated（更新时间）' }),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const FacetValue = z.object({ value: z.string(), label: z.string(), count: z.number() });

const SearchResult = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      summary: z.string(),
      providerAgency: z.object({
        id: z.number(),
        name: z.string(),
        level: z.string(),
        regionCode: z.string(),
      }),
      groupCode: z.string(),
      formatCode: z.string(),
      frequencyCode: z.string(),
      shareType: z.string(),
      openType: z.string(),
      grade: z.string(),
      status: z.string(),
      version: z.number(),
      publishDate: z.string().nullable(),
      updatedAt: z.string(),
      highlights: z.object({ name: z.string().optional(), summary: z.string().optional() }).optional().meta({
        description:
          '命中词以 <mark>…</mark> 标出，其余字符已做 HTML 转义；长摘要截取命中处前后，截断处以“…”表示',
      }),
    }),
  ),
  total: z.number(),
  fuzzy: z.boolean().meta({
    description: '精确检索无结果（或极少）时按“允许一个错字”的近似词检索，界面应提示“已按近似词检索”',
  }),
  facets: z.object(
    Object.fromEntries(FACETS.map((f) => [f, z.array(FacetValue)])) as Record<
      (typeof FACETS)[number],
      z.ZodArray<typeof FacetValue>
    >,
  ),
});

export function searchRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/catalog/entries',
      {
        config: { permission: 'catalog.read' },
        schema: {
          tags,
          summary: '检索目录',
          description: [
            '第十一条：目录检索。中文全文检索（按字的二元组匹配，单字按字匹配），结果先列名称含检索词的目录。',
            '可见范围：各部门已发布（含撤销过渡期内）的目录；草稿、待审核、被退回及已撤销的目录仅本部门及其审核部门可见。',
            '分面计数为精确值，且为“析取式”分面：每个分面的计数应用除该分面自身以外的全部筛选条件，便于在同一分面内多选。',
            'region 分面按地市汇总（含所辖县区），省级部门的目录不计入（见 level 分面）；region 筛选包含下级区划。',
          ].join(''),
          querystring: SearchQuery,
          response: { 200: SearchResult },
        },
      },
      async (req) => {
        const { q, status, sort, page, pageSize, ...filters } = req.query;
        return searchEntries(ctx, principalOf(req), { q, status, sort, page, pageSize, filters });
      },
    );
  };
}
