import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Query } from '../../../api.ts';
import { FACET_KEYS, type FacetKey, SORTS, type SortKey } from './searchTypes.ts';

export const PAGE_SIZE = 20;

export interface SearchState {
  q: string;
  filters: Record<FacetKey, string[]>;
  status?: string;
  sort: SortKey;
  page: number;
  pageSize: number;
}

export type SearchPatch = Partial<Omit<SearchState, 'filters'>> & {
  filters?: Partial<Record<FacetKey, string[]>>;
};

// Several values of one facet are kept comma-separated, in the page URL as in the API query.
const split = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** The search lives in the URL so a result list can be bookmarked and sent to a colleague. */
export function useSearchState(): [SearchState, (patch: SearchPatch) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo<SearchState>(() => {
    const q = params.get('q')?.trim() ?? '';
    // Relevance needs a query; without one the newest changes come first.
    const asked = SORTS.find((s) => s.value === params.get('sort'))?.value;
    const sort = asked && (q || asked !== 'relevance') ? asked : q ? 'relevance' : 'updated';
    const filters = Object.fromEntries(FACET_KEYS.map((k) => [k, split(params.get(k))])) as Record<
      FacetKey,
      string[]
    >;
    return {
      q,
      filters,
      status: params.get('status') ?? undefined,
      sort,
      page: Number(params.get('page')) || 1,
      pageSize: Number(params.get('pageSize')) || PAGE_SIZE,
    };
  }, [params]);

  const update = useCallback(
    (patch: SearchPatch) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (k: string, v: string | number | undefined) => {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          };
          // Any change but paging starts again at page 1.
          if (patch.page === undefined) next.delete('page');
          if (patch.q !== undefined) {
            set('q', patch.q.trim());
            // A new query is ranked by relevance unless the user picked another order for it.
            if (patch.sort === undefined) next.delete('sort');
          }
          if ('status' in patch) set('status', patch.status);
          if (patch.sort !== undefined) set('sort', patch.sort);
          if (patch.page !== undefined) set('page', patch.page === 1 ? undefined : patch.page);
          if (patch.pageSize !== undefined)
            set('pageSize', patch.pageSize === PAGE_SIZE ? undefined : patch.pageSize);
          for (const [k, v] of Object.entries(patch.filters ?? {})) set(k, v?.join(','));
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  return [state, update];
}

/** The query string of GET /api/v1/catalog/entries for a state. */
export function apiQuery(s: SearchState): Query {
  const query: Query = {
    q: s.q || undefined,
    status: s.status,
    sort: s.sort,
    page: s.page,
    pageSize: s.pageSize,
  };
  for (const k of FACET_KEYS) if (s.filters[k].length) query[k] = s.filters[k].join(',');
  return query;
}

export const activeFilterCount = (s: SearchState) =>
  FACET_KEYS.reduce((n, k) => n + s.filters[k].length, 0) + (s.status ? 1 : 0);
