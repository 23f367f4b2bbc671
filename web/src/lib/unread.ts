import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import type { UnreadCount } from '../matterTypes.ts';

const POLL_MS = 60_000;

export interface Unread {
  /** null until the first answer (or while the server cannot say). */
  counts: UnreadCount | null;
  refresh: () => void;
}

export const UnreadContext = createContext<Unread>({ counts: null, refresh: () => {} });

/** The unread-message and open-todo counts shown in the header bell and on the workbench. */
export function useUnread(): Unread {
  return useContext(UnreadContext);
}

/**
 * Polls GET /messages/unread-count every 60 s while `enabled`, again whenever `trigger`
 * changes (the console passes the current path), and when the tab becomes visible.
 */
export function useUnreadPoller(enabled: boolean, trigger: string): Unread {
  const [counts, setCounts] = useState<UnreadCount | null>(null);
  const latest = useRef(0);

  const refresh = useCallback(() => {
    if (!enabled) return;
    const seq = ++latest.current;
    api
      .get<UnreadCount>('/api/v1/messages/unread-count')
      .then((c) => {
        if (seq === latest.current) setCounts(c);
      })
      .catch(() => {
        // keep the last known count; the bell is not worth an error banner
      });
  }, [enabled]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: trigger (the path) is what re-polls on navigation.
  useEffect(() => {
    refresh();
  }, [refresh, trigger]);

  useEffect(() => {
    if (!enabled) return;
    const timer = window.setInterval(refresh, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [enabled, refresh]);

  return { counts, refresh };
}
