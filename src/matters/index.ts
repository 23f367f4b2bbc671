// The matters module's public API: domain modules declare types and open matters; supervision shows
// the board; the jobs run the sweep.

export { DeadlineViewSchema, MatterDetailSchema } from './api-schemas.ts';
export { type Board, type BoardItem, type BoardQuery, type BoardStatus, boardQuery } from './board.ts';
export type { DeadlineView } from './deadline-views.ts';
export {
  markOverdueDeadlines,
  recomputeProvisionalDeadlines,
  type SweepResult,
  sweepDeadlines,
} from './deadlines-sweep.ts';
export { applyTransition, type OpenMatterInput, openMatter, transition } from './engine.ts';
export { mattersRoutes } from './routes.ts';
export { listRulebook, type RuleInForce, ruleInForce } from './rulebook.ts';
export { matterMigrations } from './schema.ts';
export {
  defineMatterType,
  type Effect,
  type FieldDef,
  type FieldFormat,
  type InputDef,
  type MatterRecord,
  type MatterTypeDef,
  matterTypeOf,
  type Relation,
  type StateDef,
  type Taker,
  type TransitionDef,
  type TransitionInput,
} from './types.ts';
export { getMatter, listMatters, mattersAbout, todoList } from './views.ts';
