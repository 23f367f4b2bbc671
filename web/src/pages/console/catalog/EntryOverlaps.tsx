import type { TableColumnsType } from 'antd';
import { Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { entryPath } from '../../../lib/catalog.ts';

/** 'element' the same data element · 'name' the same name · 'similar' a similar name. */
export type MatchKind = 'element' | 'name' | 'similar';

export interface OverlapPair {
  draftItem: { name: string; code: string };
  publishedItem: { name: string; code: string };
  match: MatchKind;
  similarity: number;
  dataElement: { id: number; name: string } | null;
  /** Art. 17: the lead department designated for the element where the provider sits. */
  leadDepartment: { agency: { id: number; name: string }; regionCode: string; basis: string } | null;
}

/**
 * Art. 17: a published entry of another agency holding the same data (GET …/overlaps, and the
 * `overlaps` member of a refused submission).
 */
export interface Overlap {
  entry: { id: number; code: string; name: string; provider: { id: number; name: string } };
  /** 0–1, mostly the share of this entry's items the other already holds. */
  score: number;
  coverage: number;
  nameSimilarity: number;
  items: OverlapPair[];
}

const MATCH: Record<MatchKind, { label: string; color: string }> = {
  element: { label: '同一数据元', color: 'red' },
  name: { label: '名称相同', color: 'orange' },
  similar: { label: '名称相近', color: 'gold' },
};

function Pair({ p }: { p: OverlapPair }) {
  const m = MATCH[p.match] ?? { label: p.match, color: 'default' };
  return (
    <div style={{ lineHeight: '24px' }}>
      <span>{p.draftItem.name}</span>
      <Typography.Text type="secondary"> ↔ </Typography.Text>
      <span>{p.publishedItem.name}</span>
      <Tooltip
        title={p.dataElement ? `数据元：${p.dataElement.name}` : `相似度 ${Math.round(p.similarity * 100)}%`}
      >
        <Tag color={m.color} style={{ marginLeft: 6 }}>
          {m.label}
        </Tag>
      </Tooltip>
    </div>
  );
}

/** The lead departments designated for the overlapping elements (one per agency). */
function leads(o: Overlap) {
  const seen = new Map<number, NonNullable<OverlapPair['leadDepartment']>>();
  for (const p of o.items ?? []) if (p.leadDepartment) seen.set(p.leadDepartment.agency.id, p.leadDepartment);
  return [...seen.values()];
}

/** 重复采集比对: the published entries whose data items overlap this one's (Art. 17). */
export function EntryOverlaps({ overlaps }: { overlaps: Overlap[] }) {
  const columns: TableColumnsType<Overlap> = [
    {
      title: '已发布目录',
      key: 'entry',
      width: 250,
      render: (_, o) => (
        <div>
          <Link to={entryPath(o.entry.id)}>{o.entry.name}</Link>
          <div className="mono" style={{ color: 'rgba(0,0,0,0.45)' }}>
            {o.entry.code}
          </div>
          <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 12 }}>{o.entry.provider?.name}</div>
        </div>
      ),
    },
    {
      title: '重合的数据项',
      key: 'items',
      render: (_, o) =>
        o.items?.length ? (
          o.items.map((p) => <Pair key={`${p.draftItem.code}:${p.publishedItem.code}`} p={p} />)
        ) : (
          <Typography.Text type="secondary">目录名称相近</Typography.Text>
        ),
    },
    {
      title: '覆盖本目录数据项',
      key: 'coverage',
      width: 150,
      render: (_, o) => (
        <Tooltip
          title={`综合相似度 ${Math.round(o.score * 100)}%（名称相似度 ${Math.round(o.nameSimilarity * 100)}%）`}
        >
          <Progress percent={Math.round(o.coverage * 100)} size="small" status="normal" />
        </Tooltip>
      ),
    },
    {
      title: '牵头部门',
      key: 'lead',
      width: 150,
      render: (_, o) => {
        const list = leads(o);
        return list.length ? (
          <Space orientation="vertical" size={2}>
            {list.map((l) => (
              <Tooltip key={l.agency.id} title={`指定依据：${l.basis}`}>
                <Tag color="blue">{l.agency.name}</Tag>
              </Tooltip>
            ))}
          </Space>
        ) : (
          '—'
        );
      },
    },
  ];
  return (
    <Table<Overlap>
      size="small"
      rowKey={(o) => String(o.entry.id)}
      columns={columns}
      dataSource={overlaps}
      pagination={
        overlaps.length > 5
          ? { pageSize: 5, size: 'small', showSizeChanger: false, showTotal: (n) => `共 ${n} 个目录` }
          : false
      }
      bordered
    />
  );
}
