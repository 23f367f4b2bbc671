import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULEBOOK_V1 } from './rulebook-v1.ts';
import { type Harness, ledgerCount, ok, startHarness } from './support.test-helpers.ts';

// Art. 47: the measures are valid 2 years from 2025-01-06 and a successor will change the time limits.
// The rulebook is versioned data: a deadline keeps the rule it was opened under.

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.login('sheng.admin', 'sheng.reviewer', 'hrb.admin', 'gat.data', 'gat.user');
});
afterAll(() => h.t.close());

const v2 = (effectiveFrom: string, reviseDays = 3) => ({
  name: '测试修订版时限规定',
  source: '测试用：省政府办公厅关于修订政务数据办理时限的通知',
  effectiveFrom,
  rules: RULEBOOK_V1.rules.map((r) => (r.key === 'catalog.revise' ? { ...r, amount: reviseDays } : r)),
});

const post = (user: string | null, body: unknown) =>
  h.t.call(user ? h.token[user] : null, {
    method: 'POST',
    url: '/api/v1/rulebook/versions',
    payload: body as object,
  });

async function returnedMatter(title: string): Promise<number> {
  const m = await h.open('gat.data', title);
  ok(await h.act('gat.data', m.id, 'submit'));
  ok(await h.act('sheng.reviewer', m.id, 'return', { reason: '请修改' }));
  return m.id;
}

describe('the rulebook (Art. 47)', () => {
  it('version 1 is the 2025 measures with the ten time limits of requirements.md and the rectification ceiling', async () => {
    const { versions } = ok(await h.get('sheng.reviewer', '/api/v1/rulebook'));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      effectiveFrom: '2025-01-06',
      effectiveTo: null,
      validUntil: '2027-01-05',
      current: true,
    });
    expect(versions[0].name).toContain('黑龙江省政务数据管理暂行办法');
    const limits = Object.fromEntries(
      versions[0].rules.map((r: { key: string; amount: number; unit: string; article: string }) => [
        r.key,
        `${r.amount} ${r.unit} ${r.article}`,
      ]),
    );
    expect(limits).toEqual({
      'catalog.revise': '5 working_days Art. 12',
      'aggregation.update': '366 days Art. 19',
      'catalog.update': '3 working_days Art. 15',
      'catalog.update.extension': '5 working_days Art. 15',
      'catalog.revocation.grace': '6 months Art. 16',
      'share.conditional.decide': '1 working_days Art. 22',
      'objection.verify': '5 working_days Art. 24',
      'grant.idle': '3 months Art. 27',
      'demand.review': '3 working_days Art. 29',
      'demand.mount': '10 working_days Art. 29',
      'open.conditional.decide': '5 working_days Art. 34',
      // The ceiling of a rectification order's own time limit (Art. 41 names none).
      'supervision.rectify': '60 working_days Art. 41',
    });
  });

  it('is read by authorities only; changed by the provincial authority admin only', async () => {
    expect((await h.get(null, '/api/v1/rulebook')).statusCode).toBe(401);
    expect((await h.get('gat.data', '/api/v1/rulebook')).statusCode).toBe(403);
    expect((await post(null, v2('2026-03-04'))).statusCode).toBe(401);
    expect((await post('sheng.reviewer', v2('2026-03-04'))).statusCode).toBe(403);
    const city = await post('hrb.admin', v2('2026-03-04'));
    expect(city.statusCode).toBe(403);
    expect(city.json().title).toBe('仅省级政务数据主管部门可修订时限规则');
  });

  it('validates a new version: complete, not retroactive, named fields', async () => {
    h.at('2026-03-02T10:00');
    const res = await post('sheng.admin', {
      ...v2('2026-03-01'),
      rules: [{ key: 'Bad Key', name: '', article: '第12条', articleText: 'x', amount: 0, unit: 'weeks' }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    for (const f of [
      'effectiveFrom',
      'rules[0].key',
      'rules[0].name',
      'rules[0].article',
      'rules[0].amount',
      'rules[0].unit',
    ]) {
      expect(fields).toContain(f);
    }
    expect(res.json().errors.some((e: { message: string }) => e.message.includes('catalog.revise'))).toBe(
      true,
    );
  });

  it('a deadline opened under v1 keeps its due date after v2 takes effect; a new one uses v2', async () => {
    h.at('2026-03-02T10:00'); // Monday
    const old = await returnedMatter('v1 下退回的目录');
    const before = ok(await h.get('gat.data', `/api/v1/matters/${old}`)).deadlines[0];
    expect(before).toMatchObject({ dueDate: '2026-03-09', ruleVersion: { id: 1 } });

    const added = await post('sheng.admin', v2('2026-03-04'));
    expect(added.statusCode, added.body).toBe(201);
    const version = added.json();
    expect(version).toMatchObject({ effectiveFrom: '2026-03-04', current: false });
    expect(await ledgerCount(h.t, 'rulebook.version.add', `rulebook-version:${version.id}`)).toBe(1);
    // The same effective date twice, or an earlier one, is refused.
    expect((await post('sheng.admin', v2('2026-03-04'))).statusCode).toBe(400);

    // Still v1 today: a deadline opened now is 5 WD.
    const stillV1 = await returnedMatter('生效前退回的目录');
    expect(ok(await h.get('gat.data', `/api/v1/matters/${stillV1}`)).deadlines[0].ruleVersion.id).toBe(1);

    h.at('2026-03-04T10:00'); // Wednesday: v2 in force
    const after = ok(await h.get('gat.data', `/api/v1/matters/${old}`)).deadlines[0];
    expect(after).toMatchObject({ dueDate: '2026-03-09', ruleVersion: { id: 1 } });
    const fresh = await returnedMatter('v2 下退回的目录');
    const d = ok(await h.get('gat.data', `/api/v1/matters/${fresh}`)).deadlines[0];
    expect(d).toMatchObject({
      startsOn: '2026-03-04',
      dueDate: '2026-03-09',
      ruleVersion: { id: version.id },
    });
    expect(d.remainingWorkingDays).toBe(3);

    const { versions } = ok(await h.get('sheng.admin', '/api/v1/rulebook'));
    expect(
      versions.map((v: { id: number; current: boolean; effectiveTo: string | null }) => [
        v.id,
        v.current,
        v.effectiveTo,
      ]),
    ).toEqual([
      [version.id, true, null],
      [1, false, '2026-03-03'],
    ]);
  });

  it('the database refuses to edit a version (succeeded, never changed)', async () => {
    await expect(
      h.t.ctx.db.updateTable('rulebook_rule').set({ amount: 99 }).where('version_id', '=', 1).execute(),
    ).rejects.toThrow(/只能新增/);
  });
});
