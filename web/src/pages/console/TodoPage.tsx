import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useApi } from '../../lib/useApi.ts';
import type { TodoItem } from '../../matterTypes.ts';
import { TodoTable } from './matters/TodoTable.tsx';

type Urgency = 'overdue' | 'due-soon' | 'none';

interface Filters {
  type?: string;
  urgency?: Urgency;
  keyword?: string;
}

const URGENCY_OPTIONS: { value: Urgency; label: string }[] = [
  { value: 'overdue', label: '已超期' },
  { value: 'due-soon', label: '剩余 1 个工作日' },
  { value: 'none', label: '无办理时限' },
];

function urgencyOf(t: TodoItem): Urgency | 'later' {
  const d = t.deadline;
  if (!d) return 'none';
  if (d.status === 'overdue' || (d.overdueWorkingDays ?? 0) > 0) return 'overdue';
  if (d.status === 'open' && (d.remainingWorkingDays ?? 99) <= 1) return 'due-soon';
  return 'later';
}

export default function TodoPage() {
  const { data, error, loading, reload } = useApi<{ items: TodoItem[]; total: number }>(
    '/api/v1/matters/todo',
  );
  const [filters, setFilters] = useState<Filters>({});
  const all = data?.items ?? [];

  const typeOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const t of data?.items ?? []) seen.set(t.type, t.typeName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [data]);

  const keyword = filters.keyword?.trim().toLowerCase() ?? '';
  const items = all.filter(
    (t) =>
      (!filters.type || t.type === filters.type) &&
      (!filters.urgency || urgencyOf(t) === filters.urgency) &&
      (!keyword ||
        t.title.toLowerCase().includes(keyword) ||
        (t.partyName ?? '').toLowerCase().includes(keyword)),
  );
  const overdue = all.filter((t) => urgencyOf(t) === 'overdue').length;
  const filtered = Boolean(filters.type || filters.urgency || keyword);

  return (
    <>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label="事项类型">
            <Select
              allowClear
              placeholder="全部类型"
              style={{ width: 180 }}
              options={typeOptions}
              value={filters.type}
              onChange={(type) => setFilters({ ...filters, type })}
            />
          </Form.Item>
          <Form.Item label="办理时限">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 170 }}
              options={URGENCY_OPTIONS}
              value={filters.urgency}
              onChange={(urgency) => setFilters({ ...filters, urgency })}
            />
          </Form.Item>
          <Form.Item label="关键词">
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
              placeholder="事项名称或对方单位"
              style={{ width: 240 }}
              value={filters.keyword ?? ''}
              onChange={(e) => setFilters({ ...filters, keyword: e.target.value })}
            />
          </Form.Item>
          <Form.Item>
            <Button onClick={() => setFilters({})}>重置</Button>
          </Form.Item>
          <Form.Item>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card
        title="待办事项"
        extra={
          <Space size={16}>
            {overdue > 0 && <Typography.Text type="danger">其中已超期 {overdue} 件</Typography.Text>}
            <Typography.Text type="secondary">共 {data?.total ?? all.length} 件待办</Typography.Text>
          </Space>
        }
      >
        <ProblemAlert problem={error} />
        <TodoTable
          items={items}
          loading={loading}
          empty={
            filtered ? (
              '没有符合筛选条件的待办，请调整类型、时限或关键词后重试。'
            ) : (
              <span>
                暂无需要您办理的事项。新的目录审核、共享申请等事项送达本单位时会出现在这里，并在
                <Link to="/console/messages">消息中心</Link>提醒您。
              </span>
            )
          }
        />
      </Card>
    </>
  );
}
