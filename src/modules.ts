import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agenciesRoutes } from './agencies/routes.ts';
import { agencyMigrations } from './agencies/schema.ts';
import { aggregationRoutes } from './aggregation/routes.ts';
import { aggregationMigrations } from './aggregation/schema.ts';
import { catalogMigrations } from './catalog/migrations.ts';
import { catalogRoutes } from './catalog/routes.ts';
import { calendarRoutes } from './kernel/calendar/routes.ts';
import { calendarMigrations } from './kernel/calendar/schema.ts';
import type { Ctx } from './kernel/context.ts';
import type { NamedMigration } from './kernel/db/migrate.ts';
import { jobMigrations } from './kernel/jobs/lease.ts';
import { ledgerRoutes } from './kernel/ledger/routes.ts';
import { ledgerMigrations } from './kernel/ledger/schema.ts';
import { mattersRoutes } from './matters/routes.ts';
import { matterMigrations } from './matters/schema.ts';
import { messagesRoutes } from './messages/routes.ts';
import { messageMigrations } from './messages/schema.ts';
import { supervisionRoutes } from './supervision/routes.ts';

// The composition root: every module's tables (migrations) and routes, in dependency order
// (kernel ← agencies ← matters ← catalog ← …).
export interface Module {
  name: string;
  migrations: NamedMigration[];
  routes?: (ctx: Ctx) => FastifyPluginAsyncZod;
}

export const modules: Module[] = [
  { name: 'jobs', migrations: jobMigrations },
  { name: 'ledger', migrations: ledgerMigrations, routes: ledgerRoutes },
  { name: 'calendar', migrations: calendarMigrations, routes: calendarRoutes },
  { name: 'agencies', migrations: agencyMigrations, routes: agenciesRoutes },
  { name: 'messages', migrations: messageMigrations, routes: messagesRoutes },
  { name: 'matters', migrations: matterMigrations, routes: mattersRoutes },
  { name: 'supervision', migrations: [], routes: supervisionRoutes },
  { name: 'catalog', migrations: catalogMigrations, routes: catalogRoutes },
  { name: 'aggregation', migrations: aggregationMigrations, routes: aggregationRoutes },
];

export const allMigrations = (): NamedMigration[] => modules.flatMap((m) => m.migrations);
