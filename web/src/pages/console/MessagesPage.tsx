import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Switch, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, toProblem } from '../../api.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useUnread } from '../../lib/unread.ts';
import { useApi } from '../../lib/useApi.ts';
import type { Message, MessageCategory, MessagePage } from '../../matterTypes.ts';
import { CATEGORY_LABELS, MessageTable } from './messages/MessageTable.tsx';

const TABS = ['all', 'todo', 'notice', 'warning'] as const;
type TabKey = (typeof TABS)[number];
const PAGE_SIZE = 20;

export default function MessagesPage() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t === params.get('tab')) ?? 'all') as TabKey;
  const category: MessageCategory | undefined = tab === 'all' ? undefined : tab;
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState({ current: 1, size: PAGE_SIZE });
  const navigate = useNavigate();
  const { message } = App.useApp();
  const bell = useUnread();
  const { data, error, loading, reload } = useApi<MessagePage>('/api/v1/messages', {
    category,
    unread: unreadOnly ? 'true' : undefined,
    page: page.current,
    pageSize: page.size,
  });

  const refresh = () => {
    reload();
    bell.refresh();
  };

  const markRead = async (m: Message) => {
    try {
      await api.post(`/api/v1/messages/${m.id}/read`);
      refresh();
    } catch (err) {
      message.error(toProblem(err).title);
    }
  };

  const open = (m: Message) => {
    if (!m.read) void api.post(`/api/v1/messages/${m.id}/read`).then(bell.refresh, () => {});
    if (m.link) navigate(m.link, { state: { from: '/console/messages' } });
  };

  const readAll = async () => {
    try {
      const r = await api.post<{ marked: number }>('/api/v1/messages/read-all', undefined, {
        query: { category },
      });
      message.success(r?.marked ? `已将 ${r.marked} 条消息标为已读` : '没有未读消息');
      refresh();
    } catch (err) {
      message.error(toProblem(err).title);
    }
  };

  const switchTab = (key: string) => {
    setPage({ current: 1, size: page.size });
    setParams(key === 'all' ? {} : { tab: key }, { replace: true });
  };

  const unread = data?.unread ?? 0;
  const scope = category ? `“${CATEGORY_LABELS[category]}”类` : '全部';
  const empty = unreadOnly ? (
    `${scope}消息均已读。关闭“只看未读”可查看历史消息。`
  ) : category === 'todo' ? (
    <span>
      暂无待办提醒。需要您办理的事项也可在<Link to="/console/todo">待办事项</Link>中查看。
    </span>
  ) : (
    '暂无消息。事项送达、退回、临近到期和超期时，平台会在这里提醒您。'
  );

  return (
    <Card
      title="消息中心"
      extra={
        <Space size={16} wrap>
          <Typography.Text type={unread ? 'warning' : 'secondary'}>未读 {unread} 条</Typography.Text>
          <Space size={6}>
            <Switch
              size="small"
              checked={unreadOnly}
              onChange={(v) => {
                setUnreadOnly(v);
                setPage({ current: 1, size: page.size });
              }}
            />
            只看未读
          </Space>
          <Popconfirm
            title={`将${scope}未读消息标为已读？`}
            okText="全部已读"
            cancelText="取消"
            onConfirm={() => void readAll()}
            disabled={!unread}
          >
            <Button icon={<CheckOutlined />} disabled={!unread}>
              全部已读
            </Button>
          </Popconfirm>
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            刷新
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={switchTab}
        items={TABS.map((t) => ({ key: t, label: t === 'all' ? '全部' : CATEGORY_LABELS[t] }))}
      />
      <ProblemAlert problem={error} />
      <MessageTable
        items={data?.items ?? []}
        loading={loading}
        empty={empty}
        onOpen={open}
        onRead={(m) => void markRead(m)}
        pagination={{
          current: page.current,
          pageSize: page.size,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (current, size) => setPage({ current, size }),
        }}
      />
    </Card>
  );
}
