import { LockOutlined, SearchOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Card, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import type { Account, ListResponse } from '../../types.ts';

const columns: TableColumnsType<Account> = [
  {
    title: '用户名',
    dataIndex: 'username',
    key: 'username',
    render: (v: string) => <span className="mono">{v}</span>,
    sorter: (a, b) => a.username.localeCompare(b.username),
  },
  { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
  {
    title: '账号类型',
    dataIndex: 'kind',
    key: 'kind',
    width: 100,
    render: (k: Account['kind']) =>
      k === 'public' ? <Tag color="purple">公众</Tag> : <Tag color="blue">工作人员</Tag>,
  },
  { title: '所属机构', dataIndex: 'agencyName', key: 'agency', render: (v: string | null) => v || '—' },
  {
    title: '角色',
    dataIndex: 'roles',
    key: 'roles',
    render: (roles: Account['roles']) =>
      roles.length ? (
        <Space size={4} wrap>
          {roles.map((r) => (
            <Tag key={r.code} title={r.code}>
              {r.name}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">未分配</Typography.Text>
      ),
  },
  {
    title: '状态',
    dataIndex: 'locked',
    key: 'locked',
    width: 90,
    render: (locked: boolean) =>
      locked ? (
        <Tag color="red" icon={<LockOutlined />}>
          已锁定
        </Tag>
      ) : (
        <Tag color="green">正常</Tag>
      ),
  },
  {
    title: '最近登录',
    dataIndex: 'lastLoginAt',
    key: 'lastLoginAt',
    width: 180,
    render: (v: string | null) =>
      v ? formatDateTime(v) : <Typography.Text type="secondary">从未登录</Typography.Text>,
    sorter: (a, b) => (a.lastLoginAt ?? '').localeCompare(b.lastLoginAt ?? ''),
  },
];

export default function AccountsPage() {
  const { data, error, loading, reload } = useApi<ListResponse<Account>>('/api/v1/accounts');
  const [keyword, setKeyword] = useState('');
  const items = useMemo(() => {
    const all = data?.items ?? [];
    const k = keyword.trim().toLowerCase();
    if (!k) return all;
    return all.filter((a) =>
      [a.username, a.displayName, a.agencyName ?? '', ...a.roles.map((r) => r.name)].some((v) =>
        v.toLowerCase().includes(k),
      ),
    );
  }, [data, keyword]);

  return (
    <Card
      title="账号列表"
      extra={
        <Space>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="按用户名、姓名、机构或角色筛选"
            style={{ width: 260 }}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
          />
          <Button onClick={reload}>刷新</Button>
        </Space>
      }
    >
      <ProblemAlert problem={error} />
      <Table<Account>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        scroll={{ x: 960 }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (t) =>
            keyword
              ? `筛选出 ${t} 个账号（共 ${data?.total ?? data?.items.length ?? 0} 个）`
              : `共 ${t} 个账号`,
        }}
        locale={{
          emptyText: (
            <Empty
              description={
                keyword
                  ? '没有匹配的账号，请更换关键词。'
                  : '暂无可查看的账号。账号由平台管理员创建并分配角色。'
              }
            />
          ),
        }}
      />
    </Card>
  );
}
