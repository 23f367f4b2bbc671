import { Empty, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  ENTRY_STATUS,
  entryStatusLabel,
  gradeColor,
  OPEN_TYPE_COLORS,
  SHARE_TYPE_COLORS,
} from '../../../lib/catalog.ts';
import { formatDate, formatDateTime, levelLabel } from '../../../lib/format.ts';
import { SearchHighlight } from './SearchHighlight.tsx';
import type { FacetKey, FacetValue, SearchHit } from './searchTypes.ts';

const FROM = { from: '/console/catalog' };
const muted = { color: 'rgba(0,0,0,0.45)' };

interface Props {
  items: SearchHit[];
  loading: boolean;
  facets: Partial<Record<FacetKey, FacetValue[]>> | undefined;
  empty: ReactNode;
}

/** Dictionary names for the codes in a hit, taken from the facet labels the server sent with it. */
function labeller(facets: Props['facets']) {
  const maps = new Map<FacetKey, Map<string, string>>();
  for (const [k, values] of Object.entries(facets ?? {}))
    maps.set(k as FacetKey, new Map((values ?? []).map((v) => [v.value, v.label])));
  return (facet: FacetKey, code: string) => maps.get(facet)?.get(code) ?? code;
}

export function SearchResultList({ items, loading, facets, empty }: Props) {
  const label = labeller(facets);
  if (!items.length) {
    return loading ? (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ padding: '32px 0' }} />
    );
  }
  return (
    <Spin spinning={loading}>
      <ol aria-label="检索结果" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((hit, i) => (
          <li
            key={hit.id}
            style={{ padding: i === 0 ? '4px 0 14px' : '14px 0', borderBottom: '1px solid #f0f0f0' }}
          >
            <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
              <Link
                to={`/console/catalog/entries/${hit.id}`}
                state={FROM}
                style={{ fontSize: 16, fontWeight: 500 }}
              >
                <SearchHighlight text={hit.name} highlighted={hit.highlights?.name} />
              </Link>
              {hit.status !== 'published' && (
                <Tag color={ENTRY_STATUS[hit.status]?.color} style={{ marginInlineEnd: 0 }}>
                  {entryStatusLabel(hit.status)}
                </Tag>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                第 {hit.version} 版
              </Typography.Text>
            </div>
            <div style={{ ...muted, fontSize: 12, margin: '4px 0 6px' }}>
              <Space size={4} separator={<span>·</span>} wrap>
                <span className="mono">{hit.code}</span>
                <span>
                  {hit.providerAgency.name}（{levelLabel(hit.providerAgency.level)}）
                </span>
                <span>发布：{hit.publishDate ? formatDate(hit.publishDate) : '未发布'}</span>
                <Tooltip title={formatDateTime(hit.updatedAt)}>
                  <span>更新：{formatDate(hit.updatedAt)}</span>
                </Tooltip>
              </Space>
            </div>
            <Typography.Paragraph
              ellipsis={{ rows: 2 }}
              style={{ marginBottom: 8, color: 'rgba(0,0,0,0.72)' }}
            >
              <SearchHighlight text={hit.summary} highlighted={hit.highlights?.summary} />
            </Typography.Paragraph>
            <Space size={[4, 4]} wrap>
              <Tag color={SHARE_TYPE_COLORS[hit.shareType] ?? 'default'}>{hit.shareType}</Tag>
              <Tag color={OPEN_TYPE_COLORS[hit.openType] ?? 'default'}>{hit.openType}</Tag>
              <Tag color={gradeColor(hit.grade)}>分级：{label('grade', hit.grade)}</Tag>
              <Tag bordered={false}>{label('group', hit.groupCode)}</Tag>
              <Tag bordered={false}>{label('format', hit.formatCode)}</Tag>
              <Tag bordered={false}>{label('frequency', hit.frequencyCode)}更新</Tag>
            </Space>
          </li>
        ))}
      </ol>
    </Spin>
  );
}
