// The seeded data elements (src/catalog/seed.ts) in the shapes this module takes.
import { DATA_ELEMENTS } from '../../catalog/seed.ts';
import type { DataElementLike } from './defaults.ts';
import type { ElementLike } from './identify.ts';

export const SEEDED: (ElementLike & DataElementLike)[] = DATA_ELEMENTS.map((e) => ({
  name: e.name,
  synonyms: e.synonyms,
  standard: e.standard,
  dataType: e.type,
  length: e.length,
  piKind: e.pi,
  formatRule: e.rule,
  defaultGrade: e.grade,
}));

export const element = (name: string) => {
  const e = SEEDED.find((x) => x.name === name);
  if (!e) throw new Error(`no seeded element ${name}`);
  return e;
};
