import { BellOutlined, CarryOutOutlined, ExclamationCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useUnread } from '../../lib/unread.ts';
import { useApi } from '../../lib/useApi.ts';
import type { TodoItem } from '../../matterTypes.ts';
import { TodoTable } from './matters/TodoTable.tsx';

const SHOWN = 5;

function isOverdue(t: TodoItem): boolean {
  const d = t.deadline;
  return Boolean(d && (d.status === 'overdue' || (d.overdueWorkingDays ?? 0) > 0));
}

/** Workbench: counts (todos, overdue, unread messages) and the five most urgent todos. */
export function WorkbenchTodos() {
  const { data, error, loading } = useApi<{ items: TodoItem[]; total: number }>('/api/v1/matters/todo');
  const { counts } = useUnread();
  const items = data?.items ?? [];
  const total = data?.total ?? items.length;
  const overdue = items.filter(isOverdue).length;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Link to="/console/todo">
            <Card hoverable size="small">
              <Statistic
                title="待办事项"
                value={data ? total : '—'}
                suffix={data ? '件' : undefined}
                prefix={<CarryOutOutlined style={{ color: '#1d5ab9' }} />}
              />
            </Card>
          </Link>
        </Col>
        <Col xs={24} sm={8}>
          <Link to="/console/todo">
            <Card hoverable size="small">
              <Statistic
                title="其中已超期"
                value={data ? overdue : '—'}
                suffix={data ? '件' : undefined}
                styles={{ content: { color: overdue ? '#cf1322' : undefined } }}
                prefix={<ExclamationCircleOutlined style={{ color: overdue ? '#cf1322' : '#8c8c8c' }} />}
              />
            </Card>
          </Link>
        </Col>
        <Col xs={24} sm={8}>
          <Link to="/console/messages">
            <Card hoverable size="small">
              <Statistic
                title="未读消息"
                value={counts ? counts.unread : '—'}
                suffix={counts ? '条' : undefined}
                prefix={<BellOutlined style={{ color: '#d48806' }} />}
              />
            </Card>
          </Link>
        </Col>
      </Row>
      <Card
        title="我的待办"
        extra={
          <Link to="/console/todo">
            全部 {data ? total : ''} 件 <RightOutlined />
          </Link>
        }
      >
        <ProblemAlert problem={error} />
        <TodoTable
          compact
          items={items.slice(0, SHOWN)}
          loading={loading}
          empty="暂无需要您办理的事项。有新的事项送达时会在这里和消息中心提醒您。"
        />
      </Card>
    </Space>
  );
}
