/** Shapes of the matters, deadlines, supervision, rulebook and messages APIs (/api/v1). */

export type Tone = 'default' | 'processing' | 'success' | 'warning' | 'error';
export type DeadlineStatus = 'open' | 'met' | 'overdue' | 'cancelled';
export type Id = number | string;

export interface DeadlineView {
  id: Id;
  matterId: Id;
  ruleKey: string;
  name: string;
  article: string;
  articleText: string;
  startsOn: string;
  dueDate: string;
  dueAt: string;
  status: DeadlineStatus;
  metAt: string | null;
  /** Met only after the due time (older servers may omit it). */
  late?: boolean;
  extendedFrom: string | null;
  provisional: boolean;
  ruleVersion: { id: Id; name: string };
  remainingWorkingDays: number | null;
  overdueWorkingDays: number | null;
}

export interface ActionRef {
  name: string;
  label: string;
}

/** A data field an action asks for, sent as `data[key]` (bounds already resolved by the server). */
export interface ActionInput {
  key: string;
  label: string;
  /** integer: min/max bound the value; text: its length. */
  kind: 'integer' | 'text';
  min: number | null;
  max: number | null;
  required: boolean;
  help: string | null;
}

export interface MatterAction extends ActionRef {
  requiresReason: boolean;
  requiresLegalBasis: boolean;
  tone: 'primary' | 'danger' | 'default';
  /** Older servers omit these. */
  inputs?: ActionInput[];
  /** What the reason text is called (e.g. 整改情况); null or absent = 理由. */
  reasonLabel?: string | null;
}

/** A data field the matter type declares for display, already formatted by the server. */
export interface MatterField {
  key: string;
  label: string;
  value: string;
}

export interface TodoItem {
  id: Id;
  type: string;
  typeName: string;
  title: string;
  state: string;
  stateName: string;
  stateTone: Tone;
  partyName: string | null;
  deadline: DeadlineView | null;
  actions: ActionRef[];
}

export interface MatterParty {
  role: 'applicant' | 'provider' | 'authority';
  agencyId: Id;
  agencyName: string;
}

export interface MatterHistoryEntry {
  seq: number;
  at: string;
  transition: string;
  label: string;
  fromState: string | null;
  fromStateName: string | null;
  toState: string;
  toStateName: string;
  actor: string | null;
  actorName: string | null;
  agencyName: string | null;
  reason: string | null;
  /** What the reason text is called (e.g. 整改情况); null or absent = 理由. */
  reasonLabel?: string | null;
  legalBasis: string | null;
  /** Declared fields this transition set (e.g. the extension asked for). */
  fields?: MatterField[];
}

export interface Matter {
  id: Id;
  type: string;
  typeName: string;
  title: string;
  state: string;
  stateName: string;
  stateTone: Tone;
  subject: string | null;
  /** The subject by name (e.g. the agency ordered to rectify); older servers omit it. */
  subjectLabel?: string;
  data: unknown;
  /** The declared fields in order; when absent (older servers) the raw data is shown. */
  fields?: MatterField[];
  parties: MatterParty[];
  createdAt: string;
  updatedAt: string;
  history: MatterHistoryEntry[];
  deadlines: DeadlineView[];
  actions: MatterAction[];
}

export interface SupervisionItem extends DeadlineView {
  matterTitle: string;
  matterType: string;
  typeName: string;
  agencyId: Id;
  agencyName: string;
  link: string;
}

export interface StatusCounts {
  open: number;
  overdue: number;
  met: number;
}

export interface SupervisionResponse {
  items: SupervisionItem[];
  total: number;
  counts: {
    byAgency: (StatusCounts & { agencyId: Id; agencyName: string })[];
    byArticle: (StatusCounts & { article: string; articleText: string })[];
  };
}

export interface Rule {
  key: string;
  name: string;
  article: string;
  articleText: string;
  amount: number;
  unit: 'working_days' | 'months' | 'days';
}

export interface RulebookVersion {
  id: Id;
  name: string;
  source: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The document's own term of validity (e.g. two years), for reference only. */
  validUntil?: string | null;
  current: boolean;
  createdAt?: string;
  createdBy?: string;
  rules: Rule[];
}

export type MessageCategory = 'todo' | 'notice' | 'warning';

export interface Message {
  id: number;
  category: MessageCategory;
  title: string;
  body: string;
  link: string | null;
  matterId: Id | null;
  dueAt: string | null;
  createdAt: string;
  read: boolean;
  done: boolean;
}

export interface MessagePage {
  items: Message[];
  total: number;
  unread: number;
}

export interface UnreadCount {
  unread: number;
  todos: number;
}
