import type { Directory } from '../kernel/directory.ts';

/** The agencies module's answer to the kernel's Directory port: display names in two batched queries. */
export const agencyDirectory: Directory = {
  async names(db, { usernames = [], agencyIds = [] }) {
    const users = [...new Set(usernames)];
    const ids = [...new Set(agencyIds)].filter((n) => Number.isInteger(n));
    const [people, agencies] = await Promise.all([
      users.length
        ? db
            .selectFrom('account')
            .select(['username', 'display_name'])
            .where('username', 'in', users)
            .execute()
        : [],
      ids.length ? db.selectFrom('agency').select(['id', 'name']).where('id', 'in', ids).execute() : [],
    ]);
    return {
      people: new Map(people.map((p) => [p.username, p.display_name])),
      agencies: new Map(agencies.map((a) => [a.id, a.name])),
    };
  },
};
