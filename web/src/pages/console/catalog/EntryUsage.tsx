import { DiffOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Tag } from 'antd';
import { useState } from 'react';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useApi } from '../../../lib/useApi.ts';
import { EntryOverlaps, type Overlap } from './EntryOverlaps.tsx';

export interface EntryUser {
  agency: { id: number; name: string };
  kind: string;
  since: string | null;
}

const KIND_LABELS: Record<string, string> = { subscription: '订阅', share: '共享使用', grant: '共享使用' };

/** 使用部门: who uses the entry (GET …/users answers the provider and its reviewer only). */
export function EntryUsers({ items, loading }: { items: EntryUser[]; loading: boolean }) {
  return (
    <Card
      size="small"
      title="使用部门"
      extra={
        <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>撤销时将通知使用部门（第十六条）</span>
      }
    >
      <Table<EntryUser>
        size="small"
        rowKey={(u) => `${u.agency.id}:${u.kind}`}
        loading={loading}
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10 } : false}
        columns={[
          { title: '部门', key: 'agency', render: (_, u) => u.agency.name },
          {
            title: '方式',
            dataIndex: 'kind',
            key: 'kind',
            width: 100,
            render: (k: string) => <Tag>{KIND_LABELS[k] ?? k}</Tag>,
          },
          { title: '起始日期', dataIndex: 'since', key: 'since', width: 130, render: (d) => formatDate(d) },
        ]}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无部门订阅或使用" />,
        }}
      />
    </Card>
  );
}

/** 重复采集比对 (Art. 17): published entries of other agencies holding the same data, on demand. */
export function EntryOverlapCheck({ entryId }: { entryId: number }) {
  const [asked, setAsked] = useState(false);
  const { data, error, loading } = useApi<{ items: Overlap[] }>(
    asked ? `/api/v1/catalog/entries/${entryId}/overlaps` : null,
  );
  if (error && (error.status === 403 || error.status === 404)) return null;
  return (
    <Card size="small" title="重复采集比对" extra={<ArticleRef article="Art. 17" />}>
      <ProblemAlert problem={error} />
      {!asked ? (
        <Button icon={<DiffOutlined />} onClick={() => setAsked(true)}>
          与已发布目录比对
        </Button>
      ) : data && data.items.length > 0 ? (
        <EntryOverlaps overlaps={data.items} />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={loading ? '正在比对…' : '未发现与其他部门已发布目录重复的数据项'}
        />
      )}
    </Card>
  );
}
