import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { DeadlineBadge } from '../../components/DeadlineBadge.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUnread } from '../../lib/unread.ts';
import { useApi } from '../../lib/useApi.ts';
import type { DeadlineView, Matter, MatterAction } from '../../matterTypes.ts';
import { hasMatterData, MatterData, MatterFields } from './matters/MatterData.tsx';
import { MatterDeadlines } from './matters/MatterDeadlines.tsx';
import { MatterHistory } from './matters/MatterHistory.tsx';
import { MatterParties } from './matters/MatterParties.tsx';
import { TransitionModal } from './matters/TransitionModal.tsx';

/** The deadline that matters now: the earliest one still running, else the latest. */
function currentDeadline(deadlines: DeadlineView[]): DeadlineView | null {
  const running = deadlines
    .filter((d) => d.status === 'open' || d.status === 'overdue')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return running[0] ?? deadlines.at(-1) ?? null;
}

export default function MatterPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { state: fromState } = useLocation();
  const { message } = App.useApp();
  const unread = useUnread();
  const { data, error, loading, reload } = useApi<Matter>(`/api/v1/matters/${encodeURIComponent(id)}`);
  const [pending, setPending] = useState<{ action: MatterAction; key: number } | null>(null);
  const matter = data && String(data.id) === id ? data : undefined;

  // /console/matters/12?action=approve (from the todo list) opens that action once the matter is here.
  const wanted = params.get('action');
  useEffect(() => {
    if (!wanted || !matter) return;
    const action = matter.actions.find((a) => a.name === wanted);
    if (action) setPending({ action, key: Date.now() });
    else message.warning('该操作当前不可用，事项可能已由他人办理，请查看最新办理过程。');
    setParams(
      (p) => {
        p.delete('action');
        return p;
      },
      // Keep where the user came from (breadcrumb and menu read it).
      { replace: true, state: fromState },
    );
  }, [wanted, matter, message, setParams, fromState]);

  if (error && !matter) {
    const missing = error.status === 404 || error.status === 403;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '事项不存在或您无权查看' : error.title}
        subTitle={
          missing
            ? '该事项可能已被撤回，或不属于本单位及所辖单位。请从待办事项或督办看板重新进入。'
            : (error.detail ?? '请稍后重试。')
        }
        extra={
          <Space>
            <Button onClick={reload}>重试</Button>
            <Link to="/console/todo">
              <Button type="primary">返回待办事项</Button>
            </Link>
          </Space>
        }
      />
    );
  }
  if (!matter) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin description="正在加载事项…" />
      </div>
    );
  }

  const deadline = currentDeadline(matter.deadlines);
  const done = (m: Matter, action: MatterAction) => {
    setPending(null);
    message.success(`已${action.label}：${m.stateName}`);
    unread.refresh();
    reload();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <div style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Space size={8} wrap style={{ marginBottom: 8 }}>
              <Tag color="blue">{matter.typeName}</Tag>
              <StateTag name={matter.stateName} tone={matter.stateTone} />
            </Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {matter.title}
            </Typography.Title>
          </div>
          <Space wrap style={{ alignSelf: 'flex-start' }}>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
              刷新
            </Button>
            {matter.actions.map((a) => (
              <Button
                key={a.name}
                type={a.tone === 'primary' ? 'primary' : 'default'}
                danger={a.tone === 'danger'}
                onClick={() => setPending({ action: a, key: Date.now() })}
              >
                {a.label}
              </Button>
            ))}
          </Space>
        </div>
        {matter.actions.length === 0 && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            本事项当前无需您办理，可在下方查看办理过程与时限。
          </Typography.Paragraph>
        )}
        <Descriptions
          style={{ marginTop: 16 }}
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'id', label: '事项编号', children: String(matter.id) },
            { key: 'type', label: '事项类型', children: matter.typeName },
            {
              key: 'deadline',
              label: deadline ? deadline.name : '办理时限',
              children: <DeadlineBadge deadline={deadline} showDueDate={Boolean(deadline)} />,
            },
            ...(matter.subject
              ? [{ key: 'subject', label: '办理对象', children: matter.subjectLabel || matter.subject }]
              : []),
            { key: 'created', label: '发起时间', children: formatDateTime(matter.createdAt) },
            { key: 'updated', label: '最近更新', children: formatDateTime(matter.updatedAt) },
          ]}
        />
      </Card>
      <ProblemAlert problem={error} style={{ marginBottom: 0 }} />
      <Card title="办理时限" size="small">
        <MatterDeadlines deadlines={matter.deadlines} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="办理过程">
            <MatterHistory history={matter.history} tone={matter.stateTone} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="相关单位" size="small">
              <MatterParties parties={matter.parties} />
            </Card>
            {matter.fields
              ? matter.fields.length > 0 && (
                  <Card title="申报内容" size="small">
                    <MatterFields fields={matter.fields} />
                  </Card>
                )
              : hasMatterData(matter.data) && (
                  <Card title="申报内容" size="small">
                    <MatterData data={matter.data} />
                  </Card>
                )}
          </Space>
        </Col>
      </Row>
      {pending && (
        <TransitionModal
          key={pending.key}
          matterId={matter.id}
          matterTitle={matter.title}
          action={pending.action}
          onClose={() => setPending(null)}
          onDone={done}
        />
      )}
    </Space>
  );
}
