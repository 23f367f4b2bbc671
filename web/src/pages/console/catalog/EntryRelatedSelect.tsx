import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api.ts';
import type { EntryView, SearchResponse } from '../../../lib/catalog.ts';

interface Props {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** The entry being edited, never offered as its own relation. */
  selfId?: number;
  id?: string;
}

interface Option {
  value: number;
  label: string;
}

const labelOf = (e: { name: string; code: string; providerAgency: { name: string } }) =>
  `${e.name}（${e.code}，${e.providerAgency.name}）`;

/** 关联目录: searches the catalog by name as you type; already chosen entries are shown by name. */
export function EntryRelatedSelect({ value = [], onChange, selfId, id }: Props) {
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Record<number, string>>({});
  const [searching, setSearching] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(0);

  const key = value.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands in for value.
  useEffect(() => {
    for (const v of value)
      if (!known[v])
        api
          .get<EntryView>(`/api/v1/catalog/entries/${v}`)
          .then((e) => setKnown((k) => ({ ...k, [v]: labelOf(e) })))
          .catch(() => setKnown((k) => ({ ...k, [v]: `目录 ${v}` })));
  }, [key]);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = window.setTimeout(() => {
      const seq = ++latest.current;
      setSearching(true);
      api
        .get<SearchResponse>('/api/v1/catalog/entries', { q: q.trim(), pageSize: 20 })
        .then((r) => {
          if (seq !== latest.current) return;
          setOptions(r.items.filter((e) => e.id !== selfId).map((e) => ({ value: e.id, label: labelOf(e) })));
          setUnavailable(false);
        })
        .catch(() => seq === latest.current && setUnavailable(true))
        .finally(() => seq === latest.current && setSearching(false));
    }, 300);
  };

  const merged = [
    ...value
      .filter((v) => !options.some((o) => o.value === v))
      .map((v) => ({ value: v, label: known[v] ?? `目录 ${v}` })),
    ...options,
  ];
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      aria-label="关联目录"
      allowClear
      value={value}
      onChange={(ids) => onChange?.(ids)}
      options={merged}
      showSearch={{ filterOption: false, onSearch: search }}
      placeholder="输入目录名称查找，可选多个"
      notFoundContent={
        searching ? (
          <Spin size="small" />
        ) : unavailable ? (
          '目录检索暂不可用，请稍后重试'
        ) : (
          '输入名称后显示匹配的目录'
        )
      }
      style={{ width: '100%' }}
    />
  );
}
