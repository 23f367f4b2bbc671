import { DiffOutlined, EyeOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Card, Drawer, Select, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import type { CatalogStandard, EntryView, VersionDiff, VersionSummary } from '../../../lib/catalog.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/useApi.ts';
import { EntryContent } from './EntryContent.tsx';
import { EntryDiff } from './EntryDiff.tsx';
import { VersionStatusTag } from './EntryTags.tsx';

interface Props {
  entryId: number;
  standard: CatalogStandard | undefined;
  /** Changes when the entry changes, so the list reloads. */
  revision: string;
}

/** One version of an entry, read-only, in a drawer. */
function VersionDrawer({
  entryId,
  version,
  standard,
  onClose,
}: {
  entryId: number;
  version: number | null;
  standard: CatalogStandard | undefined;
  onClose: () => void;
}) {
  const { data, error } = useApi<EntryView>(
    version === null ? null : `/api/v1/catalog/entries/${entryId}/versions/${version}`,
  );
  const shown = data && data.version === version ? data : undefined;
  return (
    <Drawer
      open={version !== null}
      onClose={onClose}
      size="min(960px, calc(100vw - 48px))"
      title={
        <Space size={8}>
          <span>第{version}版</span>
          {shown && <VersionStatusTag status={shown.versionStatus} />}
          {shown && <Typography.Text type="secondary">{shown.name}</Typography.Text>}
        </Space>
      }
      destroyOnHidden
    >
      <ProblemAlert problem={error} />
      {shown ? (
        <EntryContent entry={shown} standard={standard} />
      ) : (
        !error && <Spin description="正在加载…" style={{ display: 'block', marginTop: 48 }} />
      )}
    </Drawer>
  );
}

/** 版本记录: every readable version, viewing one, and the differences between two (Art. 12). */
export function EntryVersions({ entryId, standard, revision }: Props) {
  const { data, error, loading, reload } = useApi<{ items: VersionSummary[] }>(
    `/api/v1/catalog/entries/${entryId}/versions`,
  );
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    reload();
  }, [revision, reload]);
  const versions = data?.items ?? [];
  const [viewing, setViewing] = useState<number | null>(null);
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null);
  const diff = useApi<VersionDiff>(compare ? `/api/v1/catalog/entries/${entryId}/diff` : null, compare ?? {});

  const compareWithPrevious = (v: number) => {
    const prev = [...versions].reverse().find((x) => x.version < v);
    if (!prev) return;
    setPair({ from: prev.version, to: v });
    setCompare({ from: prev.version, to: v });
  };

  const columns: TableColumnsType<VersionSummary> = [
    { title: '版本', dataIndex: 'version', key: 'v', width: 72, render: (v: number) => `第${v}版` },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (s: string) => <VersionStatusTag status={s} />,
    },
    { title: '目录名称', dataIndex: 'name', key: 'name', ellipsis: true },
    { title: '发布日期', dataIndex: 'publishDate', key: 'pub', width: 130, render: (d) => formatDate(d) },
    {
      title: '最近修改',
      key: 'updated',
      width: 230,
      render: (_, v) => (
        <span>
          {formatDateTime(v.updatedAt)}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v.updatedBy}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: '操作',
      key: 'ops',
      width: 220,
      render: (_, v) => (
        <Space size={4}>
          <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setViewing(v.version)}>
            查看
          </Button>
          {versions.some((x) => x.version < v.version) && (
            <Button
              size="small"
              type="link"
              icon={<DiffOutlined />}
              onClick={() => compareWithPrevious(v.version)}
            >
              与上一版比较
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const options = versions.map((v) => ({ value: v.version, label: `第${v.version}版` }));
  return (
    <Card
      title="版本记录"
      size="small"
      extra={
        versions.length > 1 && (
          <Space size={6}>
            <Select
              size="small"
              placeholder="原版本"
              style={{ width: 96 }}
              options={options}
              value={pair.from}
              onChange={(from) => setPair((p) => ({ ...p, from }))}
              aria-label="比较的原版本"
            />
            <span>→</span>
            <Select
              size="small"
              placeholder="新版本"
              style={{ width: 96 }}
              options={options}
              value={pair.to}
              onChange={(to) => setPair((p) => ({ ...p, to }))}
              aria-label="比较的新版本"
            />
            <Button
              size="small"
              icon={<DiffOutlined />}
              disabled={!pair.from || !pair.to || pair.from === pair.to}
              onClick={() => pair.from && pair.to && setCompare({ from: pair.from, to: pair.to })}
            >
              比较
            </Button>
          </Space>
        )
      }
    >
      <ProblemAlert problem={error} />
      <Table<VersionSummary>
        size="small"
        rowKey="version"
        loading={loading}
        columns={columns}
        dataSource={[...versions].reverse()}
        pagination={false}
      />
      {compare && (
        <div style={{ marginTop: 16 }}>
          <ProblemAlert problem={diff.error} />
          {diff.loading && <Spin />}
          {diff.data && !diff.loading && <EntryDiff diff={diff.data} standard={standard} />}
          <Button
            size="small"
            type="link"
            style={{ paddingInline: 0, marginTop: 8 }}
            onClick={() => setCompare(null)}
          >
            收起比较
          </Button>
        </div>
      )}
      <VersionDrawer
        entryId={entryId}
        version={viewing}
        standard={standard}
        onClose={() => setViewing(null)}
      />
    </Card>
  );
}
