import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';

// The rectification order as the console reads it (Art. 41): its declared fields labelled and
// formatted, the ordered agency by name, and the data each action asks for, sent through the generic
// transition route. June 2026: 06-01 is a Monday, no holiday before 06-19.

let h: Harness;
const agency: Record<string, number> = {};

beforeAll(async () => {
  h = await startHarness();
  await h.login('sheng.admin', 'gat.data');
  const all = ok(await h.get('sheng.admin', '/api/v1/agencies?pageSize=500'));
  for (const a of all.items) agency[a.code] = a.id;
});
afterAll(() => h.t.close());

const detail = async (user: string, id: number) => ok(await h.get(user, `/api/v1/matters/${id}`));
const days = (key: string, label: string, required: boolean, help: string | null) => ({
  key,
  label,
  kind: 'integer',
  min: 1,
  max: 60,
  required,
  help,
});

describe('a rectification order on its matter page (Art. 41)', () => {
  let id: number;

  it('shows the order’s fields in Chinese, in declared order, without the ground’s code', async () => {
    h.at('2026-06-01T10:00');
    id = ok(
      await h.t.call(h.token['sheng.admin'], {
        method: 'POST',
        url: '/api/v1/supervision/rectifications',
        payload: {
          agencyId: agency['hlj.gat'],
          ground: 'objection',
          description: '你单位对3条存在异议的户籍数据超过时限未核实处理，请限期整改。',
          workingDays: 5,
        },
      }),
      201,
    ).id;
    const d = await detail('gat.data', id);
    expect(d.subject).toBe(`agency:${agency['hlj.gat']}`);
    expect(d.subjectLabel).toBe('黑龙江省公安厅');
    expect(d.fields).toEqual([
      {
        key: 'groundText',
        label: '整改事由',
        value: '《办法》第四十一条第（四）项：未及时核实处理存在异议的数据',
      },
      { key: 'article', label: '依据条款', value: '《办法》第四十一条' },
      {
        key: 'description',
        label: '问题描述',
        value: '你单位对3条存在异议的户籍数据超过时限未核实处理，请限期整改。',
      },
      { key: 'workingDays', label: '整改期限', value: '5 个工作日' },
    ]);
    // The raw data stays for existing clients.
    expect(d.data).toMatchObject({ ground: 'objection', article: 'Art. 41', workingDays: 5 });
  });

  it('tells the department what each action asks for: days up to the rule’s ceiling, and what the text is', async () => {
    const d = await detail('gat.data', id);
    expect(d.actions).toMatchObject([
      { name: 'report', inputs: [], reasonLabel: '整改情况', requiresReason: true },
      {
        name: 'askExtension',
        inputs: [days('extensionDays', '申请延长工作日', true, null)],
        reasonLabel: '延期理由',
        requiresReason: true,
      },
    ]);
  });

  it('Art. 41: an extension asked through the transition route with data.extensionDays', async () => {
    h.at('2026-06-03T10:00');
    const tooMany = await h.act('gat.data', id, 'askExtension', {
      reason: '异议数据须逐条比对。',
      data: { extensionDays: 61 },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors).toEqual([
      { field: 'data.extensionDays', message: '须为1至60之间的整数（工作日）' },
    ]);
    const d = ok(
      await h.act('gat.data', id, 'askExtension', {
        reason: '异议数据须与公安部人口库比对核实，申请延长3个工作日。',
        data: { extensionDays: 3 },
      }),
    );
    expect(d).toMatchObject({ state: 'extension_requested', data: { extensionDays: 3 } });
    expect(d.fields.at(-1)).toEqual({ key: 'extensionDays', label: '延长期限', value: '3 个工作日' });
    // The timeline names the text and shows the days this step asked for.
    expect(d.history.at(-1)).toMatchObject({
      transition: 'askExtension',
      reasonLabel: '延期理由',
      fields: [{ key: 'extensionDays', label: '延长期限', value: '3 个工作日' }],
    });
  });

  it('tells the authority what deciding asks for', async () => {
    const d = await detail('sheng.admin', id);
    expect(d.actions).toMatchObject([
      {
        name: 'grantExtension',
        inputs: [days('extensionDays', '同意延长工作日', false, '不填则按申请的工作日数延长')],
        reasonLabel: null,
        requiresReason: false,
      },
      { name: 'refuseExtension', inputs: [], reasonLabel: '不同意理由', requiresReason: true },
    ]);
    const granted = ok(await h.act('sheng.admin', id, 'grantExtension', { data: { extensionDays: 2 } }));
    expect(granted.deadlines[0]).toMatchObject({ extendedFrom: '2026-06-08', dueDate: '2026-06-10' });
    expect(granted.fields.at(-1)).toMatchObject({ key: 'extensionDays', value: '2 个工作日' });
    expect(granted.history.map((e: { fields: { value: string }[] }) => e.fields.map((f) => f.value))).toEqual(
      [[], ['3 个工作日'], ['2 个工作日']],
    );
    ok(await h.act('gat.data', id, 'report', { reason: '已核实处理全部3条异议数据并反馈申请人。' }));
    const reported = await detail('sheng.admin', id);
    expect(reported.actions.find((a: { name: string }) => a.name === 'return')).toMatchObject({
      inputs: [days('workingDays', '重新整改期限（工作日）', false, '不填则仍按原整改期限')],
      reasonLabel: '退回理由',
    });
  });

  it('Art. 41: the days an action asks for are checked in Chinese against the ceiling', async () => {
    const res = await h.act('sheng.admin', id, 'return', {
      reason: '核实记录不完整，请补充比对结果。',
      data: { workingDays: 61 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'data.workingDays', message: expect.stringMatching(/^须为1至60之间的整数/) },
    ]);
  });
});
