import { sql } from 'kysely';
import { type Ctx, inTransaction, systemActor } from '../kernel/context.ts';
import type { Trx } from '../kernel/db/schema.ts';
import {
  DEMO_ACCOUNT_SPECS,
  DEMO_AGENCIES,
  type DemoAgency,
  demoPhone,
  inventedOfficers,
  PROVINCE,
  PUBLIC_DEMO_ID_FIRST17,
  PUBLIC_DEMO_PHONE,
} from './demo-data.ts';
import { idCardCheckChar, maskIdCard } from './id-card.ts';
import { hashPassword } from './passwords.ts';
import { regionSubtree } from './regions.ts';
import { assertRoleSetAllowed } from './roles.ts';
import { governmentUscc } from './uscc.ts';

// Two processes starting on one empty PostgreSQL database must not both load the demo.
const DEMO_LOCK_KEY = 0x64656d6f; // 'demo'

const isEmpty = async (db: Ctx['db'] | Trx) =>
  !(await db.selectFrom('agency').select('id').limit(1).executeTakeFirst()) &&
  !(await db.selectFrom('account').select('id').limit(1).executeTakeFirst());

const LEVEL_RANK = { province: 0, city: 1, county: 2 } as const;

/**
 * Loads the demo province into an empty database, in one transaction with one ledger event.
 * Returns false (and changes nothing) when the database already holds agencies or accounts.
 */
export async function loadDemoProvince(ctx: Ctx, password: string): Promise<boolean> {
  if (!(await isEmpty(ctx.db))) return false;
  // argon2 is slow on purpose: hash once, share the hash among the demo accounts.
  const hashed = await hashPassword(password);
  return inTransaction(ctx, systemActor, async (tx) => {
    await sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`.execute(tx.db);
    if (!(await isEmpty(tx.db))) return false;
    const regions = new Map(
      (
        await tx.db
          .selectFrom('region')
          .select(['code', 'parent_code', 'level'])
          .where('code', 'in', regionSubtree(PROVINCE))
          .execute()
      ).map((r) => [r.code, r]),
    );
    const levelOf = (a: DemoAgency) => regions.get(a.regionCode)!.level;
    // Insert order: an authority before the agencies it supervises (Art. 5).
    const rank = (a: DemoAgency) => (a.kind === 'authority' ? LEVEL_RANK[levelOf(a)] : 3);
    const ids = new Map<string, number>();
    const authorityByRegion = new Map<string, number>();
    const supervisorOf = (a: DemoAgency): number | null => {
      if (a.kind === 'coordination') return null;
      let region = a.kind === 'authority' ? regions.get(a.regionCode)!.parent_code : a.regionCode;
      while (region) {
        const found = authorityByRegion.get(region);
        if (found) return found;
        region = regions.get(region)?.parent_code ?? null;
      }
      return null;
    };
    // One INSERT per rank: each rank's supervisors are already in place.
    for (const r of [0, 1, 2, 3]) {
      const batch = DEMO_AGENCIES.filter((a) => rank(a) === r);
      if (!batch.length) continue;
      const rows = await tx.db
        .insertInto('agency')
        .values(
          batch.map((a) => ({
            code: a.code,
            name: a.name,
            short_name: a.shortName,
            kind: a.kind,
            level: levelOf(a),
            region_code: a.regionCode,
            supervising_agency_id: supervisorOf(a),
            uscc:
              a.kind === 'coordination'
                ? null
                : governmentUscc(
                    a.regionCode,
                    String(1_000_000 + DEMO_AGENCIES.indexOf(a) * 7_919).padStart(8, '0'),
                  ),
            display_order: a.order,
            created_at: tx.now,
          })),
        )
        .returning(['id', 'code', 'kind', 'region_code'])
        .execute();
      for (const r of rows) {
        ids.set(r.code, r.id);
        if (r.kind === 'authority') authorityByRegion.set(r.region_code, r.id);
      }
    }
    let phoneNo = 0;
    const officers = DEMO_AGENCIES.flatMap((a, i) =>
      (a.officers ?? inventedOfficers(i, a.kind)).map((o, k) => ({
        agency_id: ids.get(a.code)!,
        name: o.name,
        title: o.title,
        phone: demoPhone(a.regionCode, ++phoneNo),
        email: null,
        is_primary: k === 0,
      })),
    );
    await tx.db.insertInto('agency_officer').values(officers).execute();
    const accounts = await tx.db
      .insertInto('account')
      .values(
        DEMO_ACCOUNT_SPECS.map((s) => {
          assertRoleSetAllowed(s.roles);
          const isPublic = s.agency === null;
          const idCard = PUBLIC_DEMO_ID_FIRST17 + idCardCheckChar(PUBLIC_DEMO_ID_FIRST17);
          return {
            username: s.username,
            display_name: s.displayName,
            kind: isPublic ? ('public' as const) : ('staff' as const),
            agency_id: isPublic ? null : ids.get(s.agency!)!,
            password_hash: hashed,
            password_changed_at: tx.now,
            must_change_password: false,
            public_subject: isPublic ? ('natural' as const) : null,
            phone: isPublic ? PUBLIC_DEMO_PHONE : null,
            id_card_masked: isPublic ? maskIdCard(idCard) : null,
            created_at: tx.now,
          };
        }),
      )
      .returning(['id', 'username'])
      .execute();
    const roles = accounts.flatMap((a) =>
      DEMO_ACCOUNT_SPECS.find((s) => s.username === a.username)!.roles.map((role) => ({
        account_id: a.id,
        role,
      })),
    );
    await tx.db.insertInto('account_role').values(roles).execute();
    const count = (kind: string) => DEMO_AGENCIES.filter((a) => a.kind === kind).length;
    tx.record({
      action: 'demo.load',
      subject: 'province:230000',
      details: {
        authorities: count('authority'),
        departments: count('department'),
        coordination: count('coordination'),
        officers: officers.length,
        accounts: accounts.length,
      },
    });
    return true;
  });
}
