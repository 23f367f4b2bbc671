/** Shapes of GET /api/v1/catalog/statistics (scoped to the caller's region by the server). */

export interface StatsAgency {
  id: number;
  name: string;
  level: string;
  regionCode: string;
}

export interface StateCounts {
  total: number;
  published: number;
  draft: number;
  submitted: number;
  returned: number;
  revoking: number;
  revoked: number;
}

/** Counts of one agency, one level or the whole region (open and share types among published entries). */
export interface Counts extends StateCounts {
  open: number;
  unconditionalOpen: number;
  conditionalOpen: number;
  notOpen: number;
  unconditionalShare: number;
  conditionalShare: number;
  notShared: number;
}

export interface AgencyStats extends Counts {
  agency: StatsAgency;
  duties: number;
  dutiesWithoutEntry: number;
}

export interface StatisticsResponse {
  totals: Counts & { entries: number; shared: number; duties: number; dutiesWithoutEntry: number };
  byAgency: AgencyStats[];
  byLevel: { level: string; total: number; published: number; open: number }[];
  byGroup: { groupCode: string; groupName: string; published: number }[];
  byOpenType: { openType: string; count: number }[];
  byShareType: { shareType: string; count: number }[];
}

export interface NamedCount {
  name: string;
  value: number;
}

/** Entry states in the order a catalog moves through them, with the colours of the charts. */
export const STATE_SERIES: { key: keyof StateCounts; label: string; color: string }[] = [
  { key: 'published', label: '已发布', color: '#389e0d' },
  { key: 'submitted', label: '审核中', color: '#1d5ab9' },
  { key: 'returned', label: '已退回', color: '#d48806' },
  { key: 'draft', label: '草稿', color: '#8c8c8c' },
  { key: 'revoking', label: '撤销中', color: '#d4380d' },
  { key: 'revoked', label: '已撤销', color: '#bfbfbf' },
];

export const OPEN_TYPE_CHART_COLORS: Record<string, string> = {
  无条件开放: '#1d5ab9',
  有条件开放: '#69b1ff',
  不予开放: '#bfbfbf',
};

export const SHARE_TYPE_CHART_COLORS: Record<string, string> = {
  无条件共享: '#389e0d',
  有条件共享: '#faad14',
  不予共享: '#bfbfbf',
};
