import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth-plugin.ts';
import type { Ctx } from '../context.ts';
import { isIsoDate } from './dates.ts';
import {
  assertMayManageCalendar,
  currentCalendar,
  getCalendarYear,
  listCalendarYears,
  putCalendarYear,
} from './service.ts';

const tags = ['工作日历'];

const IsoDateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isIsoDate, '不是有效日期')
  .meta({ example: '2026-09-30' });

const YearParam = z.object({ year: z.coerce.number().int().min(1900).max(9999) });

const DaySchema = z.object({
  date: z.string().meta({ description: 'YYYY-MM-DD，须在该年度内', example: '2027-01-01' }),
  kind: z
    .string()
    .meta({ description: 'holiday（放假）或 workday（调休上班，须为周六或周日）', example: 'holiday' }),
  name: z.string().meta({ description: '节日名称，如“春节”“春节调休上班”', example: '元旦' }),
});

const YearSummarySchema = z.object({
  year: z.number().int(),
  source: z.string(),
  holidayCount: z.number().int(),
  workdayCount: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export function calendarRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/calendar/add-working-days',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary: '计算N个工作日后的日期',
          description:
            '起算日当日不计入，返回其后第N个工作日（按国务院办公厅公布的节假日和调休安排）。涉及尚未录入节假日安排的年度时返回422并指明年度。',
          security: [],
          querystring: z.object({ from: IsoDateParam, days: z.coerce.number().int().min(0).max(1000) }),
          response: { 200: z.object({ date: z.string() }) },
        },
      },
      async (req) => {
        const cal = await currentCalendar(ctx);
        return { date: cal.addWorkingDays(req.query.from, req.query.days) };
      },
    );

    app.get(
      '/calendar/working-days-between',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary: '计算两个日期之间的工作日数',
          description: '统计 (from, to] 内的工作日：from 当日不计，to 当日计入；to 早于 from 时为负数。',
          security: [],
          querystring: z
            .object({ from: IsoDateParam, to: IsoDateParam })
            .refine((q) => Math.abs(Date.parse(q.to) - Date.parse(q.from)) <= 3660 * 86_400_000, {
              message: '起止日期相隔不得超过10年',
              path: ['to'],
            }),
          response: { 200: z.object({ count: z.number().int() }) },
        },
      },
      async (req) => {
        const cal = await currentCalendar(ctx);
        return { count: cal.countWorkingDays(req.query.from, req.query.to) };
      },
    );

    app.get(
      '/calendar/years',
      {
        config: { permission: 'calendar.read' },
        schema: {
          tags,
          summary: '已录入的年度工作日历',
          response: { 200: z.object({ items: z.array(YearSummarySchema) }) },
        },
      },
      async () => ({ items: await listCalendarYears(ctx) }),
    );

    app.get(
      '/calendar/years/:year',
      {
        config: { permission: 'calendar.read' },
        schema: {
          tags,
          summary: '某年度的节假日和调休安排',
          params: YearParam,
          response: {
            200: z.object({
              year: z.number().int(),
              source: z.string(),
              days: z.array(
                z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() }),
              ),
            }),
          },
        },
      },
      async (req) => getCalendarYear(ctx, req.params.year),
    );

    app.put(
      '/calendar/years/:year',
      {
        config: { permission: 'calendar.manage' },
        // The provincial-authority rule is checked before the body, like the permission itself.
        preValidation: async (req) => assertMayManageCalendar(principalOf(req)),
        schema: {
          tags,
          summary: '录入或替换某年度的节假日和调休安排',
          description:
            '仅省级政务数据主管部门管理员可操作。整年替换：body 列出通知中的全部放假日（含其中的周末）和调休上班日，未列出的周六、周日休息，周一至周五上班。',
          params: YearParam,
          body: z.object({
            source: z.string().meta({ description: '依据的通知：名称、文号、日期' }),
            days: z.array(DaySchema).max(400),
          }),
          response: { 200: YearSummarySchema, 201: YearSummarySchema },
        },
      },
      async (req, reply) => {
        const r = await putCalendarYear(ctx, principalOf(req), req.params.year, req.body);
        return reply.code(r.replaced ? 200 : 201).send(r.summary);
      },
    );
  };
}
