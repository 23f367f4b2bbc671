import { useCallback, useEffect, useState } from 'react';
import { api, type Problem, type Query, toProblem } from '../api.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: Problem | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (skipped when null) and re-fetches when the path or query changes. */
export function useApi<T>(path: string | null, query?: Query, redirectOnAuth = true): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  // biome-ignore lint/correctness/useExhaustiveDependencies: queryKey stands in for query; tick forces reload.
  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<T>(path, JSON.parse(queryKey) as Query, { signal: controller.signal, redirectOnAuth })
      .then((result) => {
        setData(result);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(toProblem(err));
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, queryKey, tick, redirectOnAuth]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
