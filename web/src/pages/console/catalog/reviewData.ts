// The inbox lists review matters; the entry behind each (name, version, provider, submission time)
// is read from the matter itself, fetched for the rows on screen only.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api.ts';
import type { DeadlineView, Id, Matter, Tone } from '../../../matterTypes.ts';

export const REVIEW_TYPE = 'catalog.review';

export interface ReviewData {
  entryId: number;
  entryCode: string;
  entryName: string;
  version: number;
}

/** A row of any inbox tab (todo items and matter summaries share these). */
export interface ReviewRow {
  id: Id;
  title: string;
  state: string;
  stateName: string;
  stateTone: Tone;
  deadline: DeadlineView | null;
  updatedAt?: string;
  partyName?: string | null;
}

export function reviewDataOf(m: Matter | undefined): ReviewData | null {
  const d = m?.data as Partial<ReviewData> | undefined;
  if (!d || typeof d.entryId !== 'number' || typeof d.version !== 'number') return null;
  return {
    entryId: d.entryId,
    entryCode: d.entryCode ?? '',
    entryName: d.entryName ?? '',
    version: d.version,
  };
}

/** 目录审核：户籍人口基本信息（第2版） → 户籍人口基本信息, when the matter is not loaded yet. */
export function nameFromTitle(title: string): string {
  return title.replace(/^目录审核[:：]/, '').replace(/（第\d+版）$/, '');
}

/** When the version was (last) sent to review: the latest move into 审核中. */
export function submittedAt(m: Matter | undefined): string | null {
  return [...(m?.history ?? [])].reverse().find((h) => h.toState === 'reviewing')?.at ?? null;
}

export function decidedAt(m: Matter | undefined, state: string): string | null {
  return [...(m?.history ?? [])].reverse().find((h) => h.toState === state)?.at ?? null;
}

export const providerOf = (m: Matter | undefined) =>
  m?.parties.find((p) => p.role === 'provider')?.agencyName ?? null;

/** Matter details for the given ids, fetched once each and kept while the page lives. */
export function useMatterDetails(ids: Id[], revision: number): Record<string, Matter> {
  const [details, setDetails] = useState<Record<string, Matter>>({});
  const asked = useRef(new Map<string, number>());
  const key = ids.map(String).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands in for ids.
  useEffect(() => {
    for (const id of ids) {
      const k = String(id);
      if (asked.current.get(k) === revision) continue;
      asked.current.set(k, revision);
      api
        .get<Matter>(`/api/v1/matters/${encodeURIComponent(k)}`)
        .then((m) => setDetails((d) => ({ ...d, [k]: m })))
        .catch(() => asked.current.delete(k));
    }
  }, [key, revision]);
  return details;
}
