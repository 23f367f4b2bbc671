// The HTTP shapes of matters, deadlines and the rulebook (supervision reuses DeadlineViewSchema).
import { z } from 'zod';

export const StateToneSchema = z.enum(['default', 'processing', 'success', 'warning', 'error']);

export const DeadlineViewSchema = z.object({
  id: z.number().int(),
  matterId: z.number().int(),
  ruleKey: z.string().meta({ example: 'catalog.revise' }),
  name: z.string().meta({ example: '目录修改期限' }),
  article: z.string().meta({ example: 'Art. 12' }),
  articleText: z.string(),
  startsOn: z.string().meta({ description: '起算日（当日不计入）', example: '2026-09-29' }),
  dueDate: z.string().meta({ description: '最后一个工作日', example: '2026-10-12' }),
  dueAt: z.string().meta({ description: '届满时刻：最后一个工作日北京时间24时' }),
  status: z.enum(['open', 'met', 'overdue', 'cancelled']),
  metAt: z.string().nullable(),
  late: z.boolean().meta({ description: '超期后才办结' }),
  extendedFrom: z.string().nullable().meta({ description: '延长前的最后一日' }),
  provisional: z.boolean().meta({ description: '涉及尚未录入节假日安排的年度，按周一至周五暂算' }),
  ruleVersion: z.object({ id: z.number().int(), name: z.string() }),
  remainingWorkingDays: z
    .number()
    .int()
    .nullable()
    .meta({ description: '剩余工作日（含届满当日，当日届满为1）' }),
  overdueWorkingDays: z.number().int().nullable().meta({ description: '已超期工作日（至少为1）' }),
});

const Heading = {
  id: z.number().int(),
  type: z.string(),
  typeName: z.string(),
  title: z.string(),
  state: z.string(),
  stateName: z.string(),
  stateTone: StateToneSchema,
};

export const TodoItemSchema = z.object({
  ...Heading,
  partyName: z.string().nullable().meta({ description: '对方机构' }),
  deadline: DeadlineViewSchema.nullable(),
  actions: z.array(z.object({ name: z.string(), label: z.string() })),
});

export const MatterSummarySchema = z.object({
  ...Heading,
  updatedAt: z.string(),
  deadline: DeadlineViewSchema.nullable(),
});

const ActionInputSchema = z.object({
  key: z.string().meta({ description: '作为 data 的键提交', example: 'extensionDays' }),
  label: z.string().meta({ example: '申请延长工作日' }),
  kind: z.enum(['integer', 'text']),
  min: z.number().int().nullable().meta({ description: '整数的下限，文本的最少字数' }),
  max: z.number().int().nullable().meta({ description: '整数的上限（可取自现行时限规则），文本的最多字数' }),
  required: z.boolean(),
  help: z.string().nullable(),
});

const FieldSchema = z.object({
  key: z.string(),
  label: z.string().meta({ example: '依据条款' }),
  value: z.string().meta({ example: '《办法》第四十一条' }),
});

export const MatterDetailSchema = z.object({
  ...Heading,
  subject: z.string(),
  subjectLabel: z
    .string()
    .meta({ description: '办理对象的名称（如被责令整改的机构）', example: '黑龙江省公安厅' }),
  data: z.record(z.string(), z.unknown()),
  fields: z.array(FieldSchema).meta({ description: '事项类型声明的展示字段，按声明顺序，已格式化' }),
  parties: z.array(
    z.object({
      role: z.enum(['applicant', 'provider', 'authority']),
      agencyId: z.number().int(),
      agencyName: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      transition: z.string(),
      label: z.string(),
      fromState: z.string().nullable(),
      fromStateName: z.string().nullable(),
      toState: z.string(),
      toStateName: z.string(),
      actor: z.string(),
      actorName: z.string(),
      agencyName: z.string().nullable(),
      reason: z.string().nullable(),
      reasonLabel: z.string().nullable().meta({ description: '理由一栏的名称；为 null 时即“理由”' }),
      legalBasis: z.string().nullable(),
      fields: z.array(FieldSchema).meta({ description: '该次办理填写的数据（按事项类型声明的展示字段）' }),
    }),
  ),
  deadlines: z.array(DeadlineViewSchema),
  actions: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      requiresReason: z.boolean(),
      requiresLegalBasis: z.boolean(),
      tone: z.enum(['primary', 'danger', 'default']),
      inputs: z
        .array(ActionInputSchema)
        .meta({ description: '该操作需填写的数据，以 data: { key: 值 } 提交' }),
      reasonLabel: z
        .string()
        .nullable()
        .meta({ description: '理由一栏的名称（如“整改情况”）；为 null 时即“理由”', example: '整改情况' }),
    }),
  ),
});

export const RuleSchema = z.object({
  key: z.string().meta({ example: 'catalog.revise' }),
  name: z.string().meta({ example: '目录修改期限' }),
  article: z.string().meta({ example: 'Art. 12' }),
  articleText: z.string(),
  amount: z.number().int(),
  unit: z.enum(['working_days', 'months', 'days']),
});

export const RulebookVersionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  source: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable().meta({ description: '下一版本生效前一日；尚无后续版本时为 null' }),
  validUntil: z.string().nullable().meta({ description: '文件自身的有效期（如第四十七条：2年），仅供参考' }),
  current: z.boolean().meta({ description: '今日适用的版本' }),
  createdAt: z.string(),
  createdBy: z.string(),
  rules: z.array(RuleSchema),
});
