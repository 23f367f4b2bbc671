import { Button, Card, Checkbox, Empty, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { FACET_KEYS, FACET_TITLES, type FacetKey, type FacetValue } from './searchTypes.ts';

const SHOWN = 6;

interface Props {
  facets: Partial<Record<FacetKey, FacetValue[]>> | undefined;
  selected: Record<FacetKey, string[]>;
  loading: boolean;
  onChange: (key: FacetKey, values: string[]) => void;
  onClear: () => void;
}

/**
 * Checkbox lists with exact counts. Facets are disjunctive: the counts of one facet ignore its own
 * selection, so ticking a second 提供部门 widens the result instead of emptying it.
 */
export function FacetPanel({ facets, selected, loading, onChange, onClear }: Props) {
  const any = FACET_KEYS.some((k) => selected[k].length > 0);
  return (
    <Card
      size="small"
      title="筛选条件"
      extra={
        <Button type="link" size="small" disabled={!any} onClick={onClear} style={{ paddingInline: 0 }}>
          清除全部
        </Button>
      }
      styles={{ body: { paddingTop: 4 } }}
    >
      {!facets && loading ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        FACET_KEYS.map((key) => (
          <FacetSection
            key={key}
            facet={key}
            values={facets?.[key] ?? []}
            selected={selected[key]}
            onChange={(v) => onChange(key, v)}
          />
        ))
      )}
    </Card>
  );
}

interface SectionProps {
  facet: FacetKey;
  values: FacetValue[];
  selected: string[];
  onChange: (values: string[]) => void;
}

function FacetSection({ facet, values, selected, onChange }: SectionProps) {
  const [expanded, setExpanded] = useState(false);
  const [filter, setFilter] = useState('');
  // A ticked value stays listed even when the other filters leave it no hits.
  const all = [
    ...values,
    ...selected
      .filter((s) => !values.some((v) => v.value === s))
      .map((s) => ({ value: s, label: s, count: 0 })),
  ];
  const matching = filter ? all.filter((v) => v.label.includes(filter.trim())) : all;
  const shown = expanded || filter ? matching : matching.slice(0, SHOWN);
  const titleId = `facet-${facet}`;

  return (
    <section aria-labelledby={titleId} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 6 }}>
        <Typography.Text strong id={titleId}>
          {FACET_TITLES[facet]}
        </Typography.Text>
        {selected.length > 0 && (
          <Button
            type="link"
            size="small"
            onClick={() => onChange([])}
            style={{ padding: 0, height: 'auto' }}
          >
            清除
          </Button>
        )}
      </div>
      {all.length > 10 && (
        <Input
          size="small"
          allowClear
          placeholder={`查找${FACET_TITLES[facet]}`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ marginBottom: 6 }}
        />
      )}
      {all.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无可选项" style={{ margin: '4px 0' }} />
      ) : (
        <Checkbox.Group value={selected} onChange={(v) => onChange(v as string[])} style={{ width: '100%' }}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 2, width: '100%' }}>
            {shown.map((v) => (
              <Checkbox
                key={v.value}
                value={v.value}
                style={{ width: '100%' }}
                styles={{ label: { flex: 1, minWidth: 0, paddingInlineEnd: 0 } }}
              >
                <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8, width: '100%' }}>
                  <span
                    title={v.label}
                    style={{
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      whiteSpace: 'nowrap',
                      minWidth: 0,
                    }}
                  >
                    {v.label}
                  </span>
                  <Typography.Text
                    type="secondary"
                    style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}
                  >
                    {v.count.toLocaleString('zh-CN')}
                  </Typography.Text>
                </span>
              </Checkbox>
            ))}
          </div>
        </Checkbox.Group>
      )}
      {!filter && matching.length > SHOWN && (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setExpanded((e) => !e)}>
          {expanded ? '收起' : `展开全部（${matching.length}）`}
        </Button>
      )}
    </section>
  );
}
