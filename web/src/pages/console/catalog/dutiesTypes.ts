/** Shapes of /api/v1/catalog/duties and /api/v1/catalog/completeness (Art. 12 全量编目). */

export interface DutyEntry {
  id: number;
  code: string;
  name: string;
  status: string;
}

export interface Duty {
  id: number;
  agency: { id: number; name: string };
  name: string;
  basis: string | null;
  sortOrder: number;
  entries: DutyEntry[];
  /** An entry that is not revoked serves the duty. */
  covered: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface CompletenessAgency {
  id: number;
  name: string;
  level: string;
  regionCode: string;
}

export interface CompletenessRow {
  agency: CompletenessAgency;
  duties: number;
  dutiesWithoutEntry: number;
  entries: number;
  published: number;
}

/** Limits of the duty routes' bodies. */
export const DUTY_NAME_MAX = 200;
export const DUTY_BASIS_MAX = 1000;

/** Share of duties with at least one entry; null when no duty is recorded yet. */
export function coverage(duties: number, withoutEntry: number): number | null {
  return duties ? Math.round(((duties - withoutEntry) / duties) * 100) : null;
}
