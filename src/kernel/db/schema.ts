// The database's table types. Each module adds its own tables by declaration merging:
//   declare module '../kernel/db/schema.ts' { interface Database { account: AccountTable } }
// so the kernel never imports a module, and every module sees one typed Kysely.
import type { Kysely, Transaction } from 'kysely';

// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules through declaration merging
export interface Database {}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
