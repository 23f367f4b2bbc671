// Shared by the matters and supervision tests; never imported by the product (the architecture test
// skips *.test-helpers.ts). The test matter type is shaped like the Art. 12 catalog review and declared
// the way a domain module declares its own.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import type { Actor } from '../kernel/context.ts';
import { inTransaction } from '../kernel/context.ts';
import { openMatter } from './engine.ts';
import { defineMatterType, type MatterRecord, type MatterTypeDef } from './types.ts';

export interface Harness {
  t: TestSystem;
  token: Record<string, string>;
  me: Record<string, { id: number; username: string; agency: { id: number; name: string } | null } & any>;
  /** Sets the clock to a Beijing wall time, e.g. '2026-09-29T10:00'. */
  at(beijing: string): void;
  login(...users: string[]): Promise<void>;
  open(
    user: string,
    title: string,
    parties?: { provider?: number; applicant?: number; authority?: number },
  ): Promise<MatterRecord>;
  act(
    user: string,
    id: number,
    name: string,
    body?: Record<string, unknown>,
  ): Promise<LightMyRequestResponse>;
  get(user: string | null, url: string): Promise<LightMyRequestResponse>;
}

export async function startHarness(clockStart = '2026-01-05T01:00:00Z'): Promise<Harness> {
  declareTestReviewType();
  // Sessions and passwords must outlive the months the clock is moved across.
  const t = await startTestSystem({ clockStart, config: { sessionIdleMinutes: 10_000_000 } });
  await t.ctx.db
    .updateTable('account')
    .set({ password_changed_at: new Date('2099-01-01T00:00:00Z') })
    .execute();
  const token: Record<string, string> = {};
  const me: Harness['me'] = {};
  const h: Harness = {
    t,
    token,
    me,
    at: (beijing) => t.clock.set(`${beijing}:00+08:00`),
    async login(...users) {
      for (const u of users) {
        token[u] = await t.login(u);
        me[u] = (await t.call(token[u], { method: 'GET', url: '/api/v1/auth/me' })).json().user;
      }
    },
    async open(user, title, parties) {
      const actor = actorFrom(me[user]);
      return inTransaction(t.ctx, actor, (tx) =>
        openMatter(tx, actor, {
          type: 'test.review',
          title,
          subject: `test-entry:${title}`,
          parties: parties ?? { provider: me[user].agency.id },
          data: { title },
        }),
      );
    },
    act: (user, id, name, body = {}) =>
      t.call(token[user], {
        method: 'POST',
        url: `/api/v1/matters/${id}/transitions/${name}`,
        payload: body,
      }),
    get: (user, url) => t.call(user ? token[user] : null, { method: 'GET', url }),
  };
  return h;
}

export function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export async function ledgerCount(t: TestSystem, action: string, subject?: string): Promise<number> {
  let q = t.ctx.db
    .selectFrom('ledger_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action);
  if (subject) q = q.where('subject', '=', subject);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

const REVIEWERS = ['authority_reviewer', 'authority_admin'] as const;

let declared: MatterTypeDef | undefined;

/** Declares (once per process) 'test.review': submit → return (reason, Art. 12, 5 WD) → resubmit → approve. */
export function declareTestReviewType(): MatterTypeDef {
  declared ??= defineMatterType({
    type: 'test.review',
    name: '测试审核事项',
    states: {
      draft: { name: '草稿', tone: 'default' },
      reviewing: { name: '审核中', tone: 'processing' },
      // Art. 12: the department revises within 5 WD of the authority's comments.
      returned: {
        name: '退回修改',
        tone: 'warning',
        deadline: { rule: 'catalog.revise', party: 'provider' },
      },
      approved: { name: '已通过', tone: 'success', terminal: true },
      withdrawn: { name: '已撤回', tone: 'default', terminal: true },
    },
    initial: 'draft',
    transitions: {
      submit: {
        label: '提交审核',
        from: ['draft'],
        to: 'reviewing',
        by: [{ roles: ['data_officer'], relation: 'provider' }],
        tone: 'primary',
      },
      return: {
        label: '退回修改',
        from: ['reviewing'],
        to: 'returned',
        by: [{ roles: [...REVIEWERS], relation: 'same_level_authority' }],
        requires: { reason: { article: 'Art. 12' } },
        tone: 'danger',
      },
      resubmit: {
        label: '修改后重新提交',
        from: ['returned'],
        to: 'reviewing',
        by: [{ roles: ['data_officer'], relation: 'provider' }],
        tone: 'primary',
      },
      // Art. 15-style extension: the authority's consent is taking the transition, with a policy basis.
      extend: {
        label: '同意延长期限',
        from: ['returned'],
        to: 'returned',
        by: [{ roles: ['authority_admin'], relation: 'same_level_authority' }],
        requires: { legalBasis: { article: 'Art. 15' } },
        extendsDeadline: { rule: 'catalog.update.extension' },
      },
      withdraw: {
        label: '撤回',
        from: ['draft', 'returned'],
        to: 'withdrawn',
        by: [{ roles: ['data_officer'], relation: 'provider' }],
        closesDeadlineAs: 'cancelled',
      },
      approve: {
        label: '审核通过',
        from: ['reviewing'],
        to: 'approved',
        by: [{ roles: [...REVIEWERS], relation: 'same_level_authority' }],
        tone: 'primary',
      },
    },
    effects: {
      // A domain's side effect runs in the transition's transaction.
      approve: async (tx, m) => {
        tx.record({ action: 'test.review.effect', subject: `matter:${m.id}`, details: { state: m.state } });
      },
    },
  });
  return declared;
}

/** An actor as a session would give it, for opening matters directly through the engine. */
export const actorFrom = (me: {
  id: number;
  username: string;
  roles: { code: string }[];
  agency: {
    id: number;
    level: 'province' | 'city' | 'county';
    kind: 'authority' | 'department' | 'coordination';
  } | null;
}): Actor => ({
  accountId: me.id,
  username: me.username,
  agencyId: me.agency?.id ?? null,
  agencyLevel: me.agency?.level ?? null,
  agencyKind: me.agency?.kind ?? null,
  roles: me.roles.map((r) => r.code),
});
