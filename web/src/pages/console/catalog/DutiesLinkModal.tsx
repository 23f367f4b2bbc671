import type { TableColumnsType } from 'antd';
import { App, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type Problem, toProblem } from '../../../api.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { ENTRY_STATUS, type EntryStatus, entryStatusLabel } from '../../../lib/catalog.ts';
import { useApi } from '../../../lib/useApi.ts';
import type { Duty } from './dutiesTypes.ts';
import type { SearchHit, SearchResponse } from './searchTypes.ts';

const PAGE_SIZE = 10;

const columns: TableColumnsType<SearchHit> = [
  {
    title: '目录名称',
    dataIndex: 'name',
    render: (v: string, r) => (
      <div>
        <div>{v}</div>
        <Typography.Text type="secondary" className="mono">
          {r.code}
        </Typography.Text>
      </div>
    ),
  },
  {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    render: (s: EntryStatus) => <Tag color={ENTRY_STATUS[s]?.color}>{entryStatusLabel(s)}</Tag>,
  },
];

interface Props {
  duty: Duty | null;
  agencyId: number;
  onClose: () => void;
  onSaved: () => void;
}

/** 关联目录: pick, among the agency's own entries (found through the catalog search), those serving a duty. */
export function DutiesLinkModal({ duty, agencyId, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    setSelected(duty?.entries.map((e) => e.id) ?? []);
    setQ('');
    setPage(1);
    setProblem(null);
  }, [duty]);

  const { data, error, loading } = useApi<SearchResponse>(duty ? '/api/v1/catalog/entries' : null, {
    provider: agencyId,
    // A revoked entry serves no duty any more (the server refuses to link it).
    status: 'draft,submitted,returned,published,revoking',
    q: q || undefined,
    sort: q ? 'relevance' : 'name',
    page,
    pageSize: PAGE_SIZE,
  });

  const save = async () => {
    if (!duty) return;
    setSaving(true);
    setProblem(null);
    try {
      await api.put(`/api/v1/catalog/duties/${duty.id}/entries`, { entryIds: selected });
      message.success(selected.length ? `已关联 ${selected.length} 条目录` : '已取消全部关联');
      onSaved();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={duty !== null}
      title="关联目录"
      okText="保存关联"
      cancelText="取消"
      width={760}
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        职责：<Typography.Text>{duty?.name}</Typography.Text>
        <br />
        勾选履行该职责所产生或使用的本部门目录。每项职责至少对应一条目录，方为全量编目（《办法》第十二条）。
      </Typography.Paragraph>
      <ProblemAlert problem={problem ?? error} onClose={problem ? () => setProblem(null) : undefined} />
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Input.Search
          allowClear
          placeholder="按名称、摘要或数据项查找本部门目录"
          style={{ width: 360 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <Typography.Text>已选 {selected.length} 条</Typography.Text>
      </Space>
      <Table<SearchHit>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys as number[]),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showTotal: (n) => `共 ${n} 条`,
          onChange: setPage,
        }}
        locale={{ emptyText: q ? `本部门没有与“${q}”相关的目录` : '本部门尚未编制目录' }}
      />
    </Modal>
  );
}
