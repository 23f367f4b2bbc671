// Which optional catalog routes this server offers: the lifecycle parts (subscriptions, changes,
// revocation, users, overlaps) arrive separately, and their buttons stay hidden until they do.
import { useEffect, useState } from 'react';
import { api } from '../../../api.ts';

let routesPromise: Promise<Set<string>> | null = null;

/** 'POST /api/v1/catalog/entries/{id}/subscriptions' → present in the server's OpenAPI document. */
export function loadApiRoutes(): Promise<Set<string>> {
  routesPromise ??= api
    .get<{ paths?: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json')
    .then((doc) => {
      const out = new Set<string>();
      for (const [path, ops] of Object.entries(doc.paths ?? {}))
        for (const method of Object.keys(ops)) out.add(`${method.toUpperCase()} ${path}`);
      return out;
    })
    .catch(() => new Set<string>());
  return routesPromise;
}

/** Whether the server offers each of the given routes (false until known). */
export function useApiRoutes(): (route: string) => boolean {
  const [routes, setRoutes] = useState<Set<string> | null>(null);
  useEffect(() => {
    let live = true;
    void loadApiRoutes().then((r) => live && setRoutes(r));
    return () => {
      live = false;
    };
  }, []);
  return (route) => routes?.has(route) ?? false;
}
