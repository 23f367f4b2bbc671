/** Shapes returned by the govdata HTTP API (/api/v1). */

export type AgencyLevel = 'province' | 'city' | 'county';
export type AgencyKind = 'authority' | 'department' | 'coordination';

export interface RoleRef {
  code: string;
  name: string;
}

export interface AgencyRef {
  id: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  regionCode: string;
  regionName: string;
}

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'public';
  roles: RoleRef[];
  permissions: string[];
  mustChangePassword: boolean;
  agency: AgencyRef | null;
}

export interface MeResponse {
  user: CurrentUser;
}

export interface LoginResponse {
  token: string;
  mustChangePassword: boolean;
  user: CurrentUser;
}

export interface PublicAgency {
  id: string;
  name: string;
  level: AgencyLevel;
  regionName: string;
}

export interface Officer {
  name: string;
  title: string;
  phone: string;
}

export interface Agency {
  id: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  level: AgencyLevel;
  regionCode: string;
  regionName: string;
  supervisingAgencyId: string | null;
  supervisingAgencyName: string | null;
  uscc: string | null;
  displayOrder: number;
  officers: Officer[];
}

export interface Region {
  code: string;
  name: string;
  level: string;
  parent: string | null;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'public';
  agencyName: string | null;
  roles: RoleRef[];
  locked: boolean;
  lastLoginAt: string | null;
}

export interface CalendarYearSummary {
  year: number;
  source: string;
  holidayCount: number;
  workdayCount: number;
  updatedAt: string;
}

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarYear {
  year: number;
  source: string;
  days: CalendarDay[];
}

export interface LedgerEvent {
  seq: number;
  time: string;
  actorName: string | null;
  agencyName: string | null;
  action: string;
  subject: string | null;
  details: unknown;
  hash: string;
}

export interface LedgerPage {
  items: LedgerEvent[];
  nextBeforeSeq: number | null;
}

export interface LedgerStatus {
  events: number;
  headSeq: number | null;
  headHash: string | null;
  lastCheckpoint: { seq: number; time: string } | null;
}

export interface ListResponse<T> {
  items: T[];
  total?: number;
}
