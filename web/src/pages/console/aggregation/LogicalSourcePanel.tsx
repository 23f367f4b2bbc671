import { ApiOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Empty,
  Form,
  type FormInstance,
  Input,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Problem, toProblem } from '../../../api.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import {
  type Dataset,
  LOGICAL_BASIS_HELP,
  LOGICAL_STATUS,
  type LogicalFields,
  type LogicalSource,
  logicalSourceApi,
  useAgencyNames,
} from '../../../lib/aggregation.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import { useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';

export const LOGICAL_FIELD_NAMES = ['endpointUrl', 'method', 'description', 'legalBasis', 'reason'] as const;

/** Puts the server's 422 field messages on the logical fields; the rest go to the alert. */
export function showLogicalErrors(form: FormInstance, p: Problem): Problem {
  const rest = applyFieldErrors(form, p, LOGICAL_FIELD_NAMES);
  return { ...p, errors: rest };
}

/** The registration's form items (in the register modal and the edit form when returned). */
export function LogicalSourceFields() {
  return (
    <>
      <Form.Item
        label="接口地址"
        required
        extra="数据留在源端，由平台通过此接口提供。仅限 http/https；不得含用户名、密码或令牌——密钥不随地址保存，对接时另行配置。"
      >
        <Space.Compact block>
          <Form.Item name="method" noStyle initialValue="GET">
            <Select
              aria-label="请求方式"
              style={{ width: 100 }}
              options={[
                { value: 'GET', label: 'GET' },
                { value: 'POST', label: 'POST' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="endpointUrl"
            noStyle
            rules={[{ required: true, whitespace: true, message: '请填写数据源接口地址' }]}
          >
            <Input
              aria-label="接口地址"
              placeholder="https://data.example.gov.cn/api/persons"
              maxLength={2000}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item
        name="description"
        label="接口说明"
        rules={[{ required: true, whitespace: true, message: '请填写接口说明' }]}
        extra="提供哪些数据、按什么条件查询、返回什么格式。"
      >
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        name="legalBasis"
        label="不允许复制汇聚的法律法规依据"
        rules={[
          { required: true, whitespace: true, message: '请填写法律法规依据' },
          { min: 10, message: '至少 10 个字，写明法律法规名称及条款' },
        ]}
        extra={LOGICAL_BASIS_HELP}
      >
        <Input.TextArea rows={2} maxLength={1000} placeholder="如：《中华人民共和国××法》第×条：……" />
      </Form.Item>
      <Form.Item name="reason" label="逻辑汇聚说明" extra="数据为何须留在源端、调用方式的限制等。">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

const STATUS_NOTE: Record<LogicalSource['status'], { type: 'info' | 'success' | 'warning'; text: string }> = {
  confirming: { type: 'info', text: '已提交政务数据主管部门确认；确认前不通过平台提供服务（第十八条）。' },
  confirmed: { type: 'success', text: '主管部门已确认逻辑汇聚：数据留在源端，经平台接口提供服务。' },
  returned: { type: 'warning', text: '主管部门退回修改：请按意见修改登记信息后重新提交确认。' },
  withdrawn: { type: 'info', text: '登记已撤回：该数据集不提供服务。' },
};

/** 逻辑汇聚登记: the interface, its legal basis and the authority's confirmation (Art. 18). */
export function LogicalSourcePanel({ dataset }: { dataset: Dataset }) {
  const { user } = useSession();
  const names = useAgencyNames();
  const { data: src, error, reload } = useApi<LogicalSource>(logicalSourceApi(dataset.id));
  const [form] = Form.useForm<LogicalFields>();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  if (error && !src) return <ProblemAlert problem={error} />;
  if (!src) return <Spin />;
  const provider =
    String(user?.agency?.id) === String(dataset.providerAgencyId) &&
    Boolean(user?.roles.some((r) => r.code === 'data_officer'));
  const status = LOGICAL_STATUS[src.status];
  const note = STATUS_NOTE[src.status];

  const run = async (resubmit: boolean) => {
    setProblem(null);
    setBusy(true);
    try {
      if (editing) {
        const values = await form.validateFields();
        await api.put<LogicalSource>(logicalSourceApi(dataset.id), values);
        setEditing(false);
      }
      if (resubmit) await api.post(`/api/v1/matters/${src.matterId}/transitions/resubmit`, {});
      reload();
    } catch (err) {
      if ((err as { errorFields?: unknown }).errorFields) return; // the form shows it
      setProblem(showLogicalErrors(form, toProblem(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert
        type={note.type}
        showIcon
        title={note.text}
        description={src.decisionComment ? `主管部门意见：${src.decisionComment}` : undefined}
      />
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 200, whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'status',
            label: '确认状态',
            children: (
              <Space wrap>
                <Tag color={status.color}>{status.label}</Tag>
                <Link to={`/console/matters/${src.matterId}`}>查看确认事项</Link>
              </Space>
            ),
          },
          {
            key: 'endpoint',
            label: '接口地址',
            children: (
              <Typography.Text className="mono" copyable={{ text: src.endpointUrl }}>
                <ApiOutlined /> {src.method} {src.endpointUrl}
              </Typography.Text>
            ),
          },
          { key: 'description', label: '接口说明', children: src.description },
          {
            key: 'basis',
            label: '不允许复制汇聚的法律法规依据',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{src.legalBasis}</span>,
          },
          { key: 'reason', label: '逻辑汇聚说明', children: src.reason || '—' },
          {
            key: 'registered',
            label: '登记',
            children: `${formatDateTime(src.registeredAt)} 由 ${src.registeredBy} 登记（第 ${src.revision} 稿）`,
          },
          {
            key: 'decided',
            label: '主管部门决定',
            children: src.decidedAt
              ? `${names.get(String(src.decidedByAgencyId)) ?? '政务数据主管部门'} · ${formatDateTime(src.decidedAt)}`
              : '—',
          },
        ]}
      />
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      {provider && src.status === 'returned' && !editing && (
        <Space>
          <Button
            icon={<EditOutlined />}
            onClick={() => {
              form.setFieldsValue({ ...src, reason: src.reason ?? '' });
              setEditing(true);
            }}
          >
            修改登记信息
          </Button>
          <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void run(true)}>
            重新提交确认
          </Button>
        </Space>
      )}
      {editing && (
        <Form form={form} layout="vertical" style={{ maxWidth: 760 }}>
          <Typography.Title level={5}>修改登记信息</Typography.Title>
          <LogicalSourceFields />
          <Space>
            <Button onClick={() => setEditing(false)}>取消</Button>
            <Button loading={busy} onClick={() => void run(false)}>
              保存修改
            </Button>
            <Button type="primary" loading={busy} onClick={() => void run(true)}>
              保存并重新提交
            </Button>
          </Space>
        </Form>
      )}
      {!provider && src.status === 'confirming' && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Link to={`/console/matters/${src.matterId}`}>在确认事项中确认或退回（须说明理由）</Link>
          }
        />
      )}
    </Space>
  );
}

/** The register modal's note when 逻辑汇聚 is chosen: the Art. 18 condition, in the user's words. */
export function LogicalModeNote() {
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title="以物理汇聚为原则；仅限法律法规不允许复制汇聚的数据采用逻辑汇聚（第十八条）"
      description="数据留在源端，由平台通过源端接口提供。登记须写明禁止复制该数据的法律法规依据，并经审核本部门目录的政务数据主管部门确认后方可提供服务。"
    />
  );
}
