import { LockOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type Problem, toProblem } from '../../../api.ts';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import {
  type Dataset,
  datasetApi,
  LOGICAL_SOURCES_API,
  type LogicalFields,
  type LogicalSource,
} from '../../../lib/aggregation.ts';
import {
  type DataElement,
  type DataItem,
  type EntryView,
  piKindLabel,
  type SearchResponse,
  useCatalogStandard,
  type VersionSummary,
} from '../../../lib/catalog.ts';
import { useSession } from '../../../lib/session.ts';
import { GradeTag } from '../catalog/EntryTags.tsx';
import { LogicalModeNote, LogicalSourceFields, showLogicalErrors } from './LogicalSourcePanel.tsx';

// Art. 18: the natural key of most base data is the person's or the organisation's code.
const KEY_ELEMENTS = ['公民身份号码', '统一社会信用代码'];
// Art. 38: what the server stores encrypted (src/aggregation/datasets.ts PROTECTED_GRADES).
const PROTECTED_GRADES = new Set(['core', 'important']);

interface Props {
  open: boolean;
  /** Entries that already have a dataset (one per entry). */
  registered: number[];
  onClose: () => void;
  onCreated: (d: Dataset) => void;
}

/** The published version of an entry: the working one may be a change under review. */
async function publishedVersion(id: number): Promise<EntryView> {
  const entry = await api.get<EntryView>(`/api/v1/catalog/entries/${id}`);
  if (entry.versionStatus === 'published') return entry;
  const { items } = await api.get<{ items: VersionSummary[] }>(`/api/v1/catalog/entries/${id}/versions`);
  const current = items.find((v) => v.status === 'published');
  return current ? api.get<EntryView>(`/api/v1/catalog/entries/${id}/versions/${current.version}`) : entry;
}

function defaultKeys(items: DataItem[], elements: DataElement[]): string[] {
  const nameOf = (it: DataItem) => elements.find((e) => e.id === it.dataElementId)?.name ?? it.name;
  for (const key of KEY_ELEMENTS) {
    const hit = items.find((it) => nameOf(it) === key || it.name === key);
    if (hit) return [hit.code];
  }
  return [];
}

/** 登记数据集: one of the agency's published entries, its key items, thresholds and file column names. */
export function RegisterDatasetModal({ open, registered, onClose, onCreated }: Props) {
  const { user } = useSession();
  const { standard } = useCatalogStandard();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ id: number; name: string; code: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const [entryId, setEntryId] = useState<number | undefined>();
  const [entry, setEntry] = useState<EntryView | null>(null);
  const [keys, setKeys] = useState<string[]>([]);
  const [errorPct, setErrorPct] = useState<number | null>(5);
  const [guardPct, setGuardPct] = useState<number | null>(20);
  const [sourceNames, setSourceNames] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // Art. 18: physical first; logical only where law forbids copying (its fields in `form`).
  const [mode, setMode] = useState<'physical' | 'logical'>('physical');
  const [form] = Form.useForm<LogicalFields>();
  const agencyId = user?.agency?.id;
  // Read when an entry arrives; the standard loading later must not refetch it or reset the keys.
  const elements = useRef<DataElement[]>([]);
  elements.current = standard?.elements ?? [];

  useEffect(() => {
    if (!open) return;
    setEntryId(undefined);
    setEntry(null);
    setKeys([]);
    setErrorPct(5);
    setGuardPct(20);
    setSourceNames({});
    setProblem(null);
    setQ('');
    setMode('physical');
    form.resetFields();
  }, [open, form]);

  // The agency's published entries, searched on the server (a department may have hundreds).
  useEffect(() => {
    if (!open || !agencyId) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      api
        .get<SearchResponse>(
          '/api/v1/catalog/entries',
          { status: 'published', provider: String(agencyId), q: q.trim() || undefined, pageSize: 100 },
          { signal: controller.signal },
        )
        .then((r) => setOptions(r.items.map((e) => ({ id: e.id, name: e.name, code: e.code }))))
        .catch((err: unknown) => !controller.signal.aborted && setProblem(toProblem(err)))
        .finally(() => !controller.signal.aborted && setSearching(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, agencyId, q]);

  useEffect(() => {
    if (entryId === undefined) return;
    let live = true;
    setEntry(null);
    publishedVersion(entryId)
      .then((e) => {
        if (!live) return;
        setEntry(e);
        setKeys(defaultKeys(e.items, elements.current));
        setSourceNames({});
      })
      .catch((err: unknown) => live && setProblem(toProblem(err)));
    return () => {
      live = false;
    };
  }, [entryId]);

  const submitLogical = async (e: EntryView) => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setProblem(null);
    try {
      const src = await api.post<LogicalSource>(LOGICAL_SOURCES_API, {
        entryId: e.id,
        keyItems: keys,
        ...values,
      });
      onCreated(await api.get<Dataset>(datasetApi(src.datasetId)));
    } catch (err) {
      setProblem(showLogicalErrors(form, toProblem(err)));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!entry) return;
    if (mode === 'logical') return submitLogical(entry);
    setBusy(true);
    setProblem(null);
    try {
      const names = Object.fromEntries(
        Object.entries(sourceNames)
          .map(([code, v]) => [code, v.trim()])
          .filter(([code, v]) => v && v !== entry.items.find((i) => i.code === code)?.name),
      );
      const created = await api.post<Dataset>('/api/v1/aggregation/datasets', {
        entryId: entry.id,
        keyItems: keys,
        ...(Object.keys(names).length ? { sourceNames: names } : {}),
        errorThreshold: (errorPct ?? 5) / 100,
        closeGuard: (guardPct ?? 20) / 100,
      });
      onCreated(created);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const itemColumns: TableColumnsType<DataItem> = useMemo(
    () => [
      { title: '数据项', dataIndex: 'name', key: 'name', width: 140 },
      {
        title: '编码',
        dataIndex: 'code',
        key: 'code',
        width: 110,
        render: (v: string) => <span className="mono">{v}</span>,
      },
      {
        title: '分级',
        dataIndex: 'grade',
        key: 'grade',
        width: 80,
        render: (v: string) => <GradeTag code={v} grades={standard?.grades} />,
      },
      {
        title: '存储',
        key: 'store',
        width: 130,
        render: (_, it) =>
          PROTECTED_GRADES.has(it.grade) || it.piKind ? (
            <Tooltip title={it.piKind ? `个人信息：${piKindLabel(it.piKind)}` : '重要或核心数据'}>
              <Tag color="geekblue" icon={<LockOutlined />}>
                加密存储
              </Tag>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">明文</Typography.Text>
          ),
      },
      {
        title: '文件列名',
        key: 'source',
        render: (_, it) => (
          <Input
            size="small"
            aria-label={`${it.name}的文件列名`}
            placeholder={it.name}
            maxLength={100}
            value={sourceNames[it.code] ?? ''}
            onChange={(e) => setSourceNames((s) => ({ ...s, [it.code]: e.target.value }))}
          />
        ),
      },
    ],
    [standard, sourceNames],
  );
  const shownColumns =
    mode === 'logical' ? itemColumns.filter((c) => c.key !== 'source' && c.key !== 'store') : itemColumns;

  return (
    <Modal
      open={open}
      title="登记数据集"
      width={860}
      onCancel={onClose}
      onOk={submit}
      okText={mode === 'logical' ? '登记并提交确认' : '登记'}
      okButtonProps={{ disabled: !entry || keys.length === 0, loading: busy }}
      destroyOnHidden
    >
      {mode === 'logical' ? (
        <LogicalModeNote />
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="为本部门已发布的目录登记数据集，再上传数据文件汇聚到平台"
          description={
            <span>
              数据项、类型与分级取自目录，质量规则取自关联的数据元（
              <ArticleRef article="Art. 19" />
              ）；数据物理汇聚到平台并保留每次变更，可回溯任一时点（
              <ArticleRef article="Art. 18" />
              ）；重要、核心数据和个人信息加密存储（
              <ArticleRef article="Art. 38" />
              ）。
            </span>
          }
        />
      )}
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item label="汇聚方式" required>
          <Radio.Group
            aria-label="汇聚方式"
            optionType="button"
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            options={[
              { value: 'physical', label: '物理汇聚' },
              { value: 'logical', label: '逻辑汇聚' },
            ]}
          />
        </Form.Item>
        <Form.Item label="目录" required extra="仅列出本部门已发布的目录；每个目录只能登记一个数据集。">
          <Select
            aria-label="目录"
            placeholder="输入名称查找本部门已发布的目录"
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={searching}
            value={entryId}
            onChange={setEntryId}
            notFoundContent={searching ? '正在查找…' : '本部门没有符合条件的已发布目录'}
            options={options.map((o) => ({
              value: o.id,
              label: registered.includes(o.id) ? `${o.name}（已登记）` : o.name,
              title: o.name,
              disabled: registered.includes(o.id),
            }))}
          />
        </Form.Item>
        <Form.Item
          label="主键数据项"
          required
          extra="唯一确定一条记录的数据项（如公民身份号码、统一社会信用代码）；主键必填，且每个批次文件都须包含。"
        >
          <Select
            mode="multiple"
            aria-label="主键数据项"
            placeholder={entry ? '选择主键数据项' : '请先选择目录'}
            disabled={!entry}
            value={keys}
            onChange={setKeys}
            maxCount={10}
            options={(entry?.items ?? []).map((it) => ({
              value: it.code,
              label: `${it.name}（${it.code}）`,
            }))}
          />
        </Form.Item>
        {mode === 'logical' && <LogicalSourceFields />}
        <Space size={24} wrap align="start" style={mode === 'logical' ? { display: 'none' } : undefined}>
          <Form.Item
            label="错误率阈值"
            extra="一个批次拒收行数的占比超过此值时，整批拒收（第十九条）。"
            style={{ maxWidth: 360 }}
          >
            <InputNumber
              aria-label="错误率阈值"
              min={0}
              max={100}
              step={1}
              suffix="%"
              style={{ width: 140 }}
              value={errorPct}
              onChange={setErrorPct}
            />
          </Form.Item>
          <Form.Item
            label="全量关闭比例上限"
            extra="全量文件将关闭的现有记录超过此比例时（如空文件、截断文件），须确认后才提交（第十八条）。"
            style={{ maxWidth: 360 }}
          >
            <InputNumber
              aria-label="全量关闭比例上限"
              min={0}
              max={100}
              step={5}
              suffix="%"
              style={{ width: 140 }}
              value={guardPct}
              onChange={setGuardPct}
            />
          </Form.Item>
        </Space>
      </Form>
      {entryId !== undefined && (
        <>
          <Typography.Text strong>
            数据项{entry ? `（目录第${entry.version}版，共 ${entry.items.length} 项）` : ''}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 8px' }}>
            {mode === 'logical'
              ? '源端接口按这些数据项提供数据。'
              : '文件表头按数据项名称或编码对应；文件中的列名不同时，请填写文件列名。'}
          </Typography.Paragraph>
          <Table<DataItem>
            size="small"
            rowKey="code"
            loading={!entry}
            columns={shownColumns}
            dataSource={entry?.items ?? []}
            pagination={false}
            scroll={{ y: 260 }}
          />
        </>
      )}
    </Modal>
  );
}
