import { ApiOutlined, DeleteOutlined, PlayCircleOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, type Problem, request, toProblem } from '../../../api.ts';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type Dataset, datasetApi, loadKindLabel, seesClear } from '../../../lib/aggregation.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';

/** The server's pull (GET/PUT …/pull). Header values are never sent back, only their names. */
interface Pull {
  url: string;
  kind: 'full' | 'incremental';
  everyMinutes: number;
  arrayPath: string | null;
  headerNames: string[];
  enabled: boolean;
  runAs: string;
  nextRunAt: string;
  lastRunAt: string | null;
  lastLoadId: string | null;
  lastError: string | null;
  updatedAt: string;
  updatedBy: string;
}

interface FormValues {
  url: string;
  kind: 'full' | 'incremental';
  everyMinutes: number;
  arrayPath?: string;
  headerName?: string;
  headerValue?: string;
  enabled: boolean;
}

function every(minutes: number): string {
  if (minutes % 1440 === 0) return `每 ${minutes / 1440} 天`;
  if (minutes % 60 === 0) return `每 ${minutes / 60} 小时`;
  return `每 ${minutes} 分钟`;
}

/**
 * 定时拉取 (Art. 18): the dataset's scheduled pull from its department's HTTP JSON interface. Each run
 * is an ordinary load (same checks, guard and report); the access token is stored encrypted and never
 * shown again. Only the provider's data officer edits it.
 */
export function PullPanel({ dataset }: { dataset: Dataset }) {
  const { user } = useSession();
  const { message } = App.useApp();
  const mayEdit = seesClear(user, dataset);
  const path = `${datasetApi(dataset.id)}/pull`;
  const { data, error, reload } = useApi<{ pull: Pull | null }>(path);
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const pull = data?.pull ?? null;

  const save = async (v: FormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.put(path, {
        url: v.url.trim(),
        kind: v.kind,
        everyMinutes: v.everyMinutes,
        arrayPath: v.arrayPath?.trim() || null,
        // A new header replaces the stored ones; left empty, the stored token stays.
        ...(v.headerName?.trim() ? { headers: { [v.headerName.trim()]: v.headerValue ?? '' } } : {}),
        enabled: v.enabled,
      });
      message.success('定时拉取已保存');
      setEditing(false);
      reload();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
  const runNow = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ loadId: string }>(`${path}/run`);
      message.success(`已开始拉取，批次 ${r.loadId}，进度见“汇聚批次”`);
      reload();
    } catch (err) {
      setProblem(toProblem(err));
      reload();
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    try {
      await request(path, { method: 'DELETE' });
      message.success('定时拉取已删除');
      reload();
    } catch (err) {
      setProblem(toProblem(err));
    }
  };

  if (error) return <ProblemAlert problem={error} />;
  const intro = (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
      按设定间隔从本部门业务系统的 HTTP JSON
      接口拉取数据，每次拉取都是一个完整的汇聚批次（质量检查、全量保护、留痕）
      <ArticleRef article="Art. 18" />
      。接口主机须在运维人员配置的允许清单中；访问令牌等请求头加密保存，保存后不再显示。
    </Typography.Paragraph>
  );

  if (editing) {
    return (
      <div style={{ maxWidth: 720 }}>
        {intro}
        <ProblemAlert problem={problem} style={{ marginBottom: 16 }} />
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{
            url: pull?.url ?? '',
            kind: pull?.kind ?? 'incremental',
            everyMinutes: pull?.everyMinutes ?? 1440,
            arrayPath: pull?.arrayPath ?? '',
            enabled: pull?.enabled ?? true,
          }}
        >
          <Form.Item name="url" label="接口地址" rules={[{ required: true, message: '请填写接口地址' }]}>
            <Input placeholder="https://业务系统主机/api/records" />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="kind" label="拉取方式">
              <Radio.Group
                options={[
                  { value: 'incremental', label: '增量（按主键更新）' },
                  { value: 'full', label: '全量（未返回的记录视为删除）' },
                ]}
              />
            </Form.Item>
            <Form.Item name="everyMinutes" label="间隔（分钟）" extra="15 分钟至 31 天；1440 为每天">
              <InputNumber min={15} max={44640} step={15} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item
            name="arrayPath"
            label="记录数组路径"
            extra="如 data.records；留空则自动查找 items/data/rows/records"
          >
            <Input style={{ width: 320 }} />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="headerName"
              label="请求头名称"
              extra={
                pull?.headerNames.length ? `已保存：${pull.headerNames.join('、')}（留空则保留）` : undefined
              }
            >
              <Input placeholder="Authorization" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="headerValue" label="请求头取值">
              <Input.Password placeholder="Bearer …" style={{ width: 320 }} autoComplete="new-password" />
            </Form.Item>
          </Space>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              保存
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Form>
      </div>
    );
  }

  if (!pull)
    return (
      <div>
        {intro}
        <Empty description="尚未设置定时拉取">
          {mayEdit && (
            <Button type="primary" icon={<ApiOutlined />} onClick={() => setEditing(true)}>
              设置定时拉取
            </Button>
          )}
        </Empty>
      </div>
    );

  return (
    <div>
      {intro}
      <ProblemAlert problem={problem} style={{ marginBottom: 16 }} />
      <Descriptions bordered size="small" column={2} style={{ maxWidth: 960 }}>
        <Descriptions.Item label="接口地址" span={2}>
          <Typography.Text copyable>{pull.url}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          {pull.enabled ? <Tag color="processing">启用</Tag> : <Tag>停用</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="方式与间隔">
          {loadKindLabel(pull.kind)}，{every(pull.everyMinutes)}
        </Descriptions.Item>
        <Descriptions.Item label="下次拉取">
          {pull.enabled ? formatDateTime(pull.nextRunAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="上次拉取">
          {pull.lastRunAt ? formatDateTime(pull.lastRunAt) : '尚未拉取'}
          {pull.lastRunAt &&
            (pull.lastError ? (
              <Tag color="error" style={{ marginInlineStart: 8 }}>
                失败
              </Tag>
            ) : (
              <Tag color="success" style={{ marginInlineStart: 8 }}>
                成功{pull.lastLoadId ? `（批次 ${pull.lastLoadId}）` : ''}
              </Tag>
            ))}
        </Descriptions.Item>
        {pull.lastError && (
          <Descriptions.Item label="失败原因" span={2}>
            <Typography.Text type="danger">{pull.lastError}</Typography.Text>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="请求头">
          {pull.headerNames.length ? `${pull.headerNames.join('、')}（已加密保存）` : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="执行账号">{pull.runAs}</Descriptions.Item>
        <Descriptions.Item label="最后修改">
          {pull.updatedBy}，{formatDateTime(pull.updatedAt)}
        </Descriptions.Item>
        <Descriptions.Item label="记录数组路径">{pull.arrayPath ?? '自动'}</Descriptions.Item>
      </Descriptions>
      {mayEdit && (
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={busy} onClick={runNow}>
            立即拉取
          </Button>
          <Button onClick={() => setEditing(true)}>修改</Button>
          <Popconfirm
            title="删除定时拉取？已完成的批次不受影响。"
            okText="删除"
            cancelText="取消"
            onConfirm={remove}
          >
            <Button danger icon={<DeleteOutlined />}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      )}
    </div>
  );
}
