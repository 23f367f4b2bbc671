import { MinusOutlined, PlusOutlined, SwapRightOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Empty, Space, Table, Tag, Typography } from 'antd';
import {
  type CatalogStandard,
  type Change,
  classPath,
  type DataItem,
  dataTypeLabel,
  piKindLabel,
  termName,
  type VersionDiff,
} from '../../../lib/catalog.ts';
import { RelatedEntries } from './EntryContent.tsx';

export const ENTRY_FIELD_LABELS: Record<string, string> = {
  name: '目录名称',
  summary: '摘要',
  classificationCode: '分类码',
  groupCode: '目录分组',
  formatCode: '资源格式',
  frequencyCode: '更新频率',
  shareType: '共享类型',
  shareConditions: '共享条件',
  shareLegalBasis: '不予共享依据',
  openType: '开放类型',
  openConditions: '开放条件',
  openReason: '不予开放理由',
  piConsent: '个人信息同意依据',
  grade: '目录分级',
  relatedEntryIds: '关联目录',
};

export const ITEM_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  code: '代码',
  dataType: '数据类型',
  length: '长度',
  required: '必填',
  piKind: '个人信息类型',
  grade: '分级',
  dataElementId: '数据元',
};

// Colours of a review diff: what was removed on red, what is new on green.
export const DIFF_COLORS = {
  removedBg: '#fff1f0',
  removedFg: '#a8071a',
  addedBg: '#f6ffed',
  addedFg: '#135200',
  changedBg: '#fffbe6',
};

const cell = (bg: string, fg: string): React.CSSProperties => ({
  background: bg,
  color: fg,
  padding: '2px 6px',
  borderRadius: 2,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  display: 'inline-block',
});

/** A changed value as people read it: term names for codes, 是/否, joined lists. */
export function showValue(field: string, v: unknown, s: CatalogStandard | undefined, item = false): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (item) {
    if (field === 'dataType') return dataTypeLabel(String(v));
    if (field === 'piKind') return piKindLabel(String(v));
    if (field === 'grade') return termName(s?.grades, String(v));
    if (field === 'required') return v ? '必填' : '非必填';
    if (field === 'dataElementId') {
      const e = s?.elements.find((x) => x.id === v);
      return e ? `${e.name}（${e.identifier}）` : `#${String(v)}`;
    }
    return String(v);
  }
  switch (field) {
    case 'classificationCode':
      return `${String(v)} ${classPath(s?.classes, String(v))}`;
    case 'groupCode':
      return termName(s?.groups, String(v));
    case 'formatCode':
      return termName(s?.formats, String(v));
    case 'frequencyCode':
      return termName(s?.frequencies, String(v));
    case 'grade':
      return termName(s?.grades, String(v));
    case 'shareConditions': {
      const c = v as { scope?: string | null; purpose?: string | null };
      return (
        [c.scope && `范围：${c.scope}`, c.purpose && `用途：${c.purpose}`].filter(Boolean).join('\n') ||
        '（空）'
      );
    }
    case 'piConsent':
      return (v as { basis?: string }).basis ?? '（空）';
    case 'relatedEntryIds':
      return (v as number[]).length ? (v as number[]).map((id) => `目录 ${id}`).join('、') : '（无）';
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

function FromTo({ c, s, item }: { c: Change; s: CatalogStandard | undefined; item?: boolean }) {
  // Related entries are shown by name (each read on its own).
  const related = !item && c.field === 'relatedEntryIds';
  const value = (v: unknown) =>
    related && Array.isArray(v) && v.length ? (
      <RelatedEntries ids={v as number[]} />
    ) : (
      showValue(c.field, v, s, item)
    );
  return (
    <Space size={6} wrap align="start">
      <del style={cell(DIFF_COLORS.removedBg, DIFF_COLORS.removedFg)}>{value(c.from)}</del>
      <SwapRightOutlined style={{ color: 'rgba(0,0,0,0.45)', marginTop: 4 }} />
      <ins style={{ ...cell(DIFF_COLORS.addedBg, DIFF_COLORS.addedFg), textDecoration: 'none' }}>
        {value(c.to)}
      </ins>
    </Space>
  );
}

const itemLine = (it: DataItem, s: CatalogStandard | undefined) =>
  [
    it.code,
    `${dataTypeLabel(it.dataType)}${it.length ? `（${it.length}）` : ''}`,
    it.required ? '必填' : null,
    it.piKind ? `个人信息：${piKindLabel(it.piKind)}` : null,
    `分级：${termName(s?.grades, it.grade)}`,
  ]
    .filter(Boolean)
    .join(' · ');

interface Row {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  name: string;
  detail: React.ReactNode;
}

const KIND_TAGS = {
  added: (
    <Tag color="success" icon={<PlusOutlined />}>
      新增
    </Tag>
  ),
  removed: (
    <Tag color="error" icon={<MinusOutlined />}>
      删除
    </Tag>
  ),
  changed: <Tag color="warning">修改</Tag>,
};

/** Field-by-field and item-by-item differences between two versions, coloured like a review diff. */
export function EntryDiff({
  diff,
  standard: s,
}: {
  diff: VersionDiff;
  standard: CatalogStandard | undefined;
}) {
  const { added, removed, changed } = diff.items;
  const none = !diff.fields.length && !added.length && !removed.length && !changed.length;
  if (none)
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`第${diff.from}版与第${diff.to}版内容相同`} />
    );

  const fieldColumns: TableColumnsType<Change> = [
    {
      title: '目录信息',
      dataIndex: 'field',
      key: 'field',
      width: 140,
      render: (f: string) => ENTRY_FIELD_LABELS[f] ?? f,
    },
    {
      title: `第${diff.from}版 → 第${diff.to}版`,
      key: 'change',
      render: (_, c) => <FromTo c={c} s={s} />,
    },
  ];
  const rows: Row[] = [
    ...added.map((it) => ({
      key: `a:${it.code}`,
      kind: 'added' as const,
      name: it.name,
      detail: <span style={{ color: DIFF_COLORS.addedFg }}>{itemLine(it, s)}</span>,
    })),
    ...removed.map((it) => ({
      key: `r:${it.code}`,
      kind: 'removed' as const,
      name: it.name,
      detail: <del style={{ color: DIFF_COLORS.removedFg }}>{itemLine(it, s)}</del>,
    })),
    ...changed.map((c) => ({
      key: `c:${c.code}`,
      kind: 'changed' as const,
      name: c.name,
      detail: (
        <Space orientation="vertical" size={4}>
          {c.changes.map((ch) => (
            <Space key={ch.field} size={8} align="center">
              <Typography.Text type="secondary" style={{ minWidth: 84, display: 'inline-block' }}>
                {ITEM_FIELD_LABELS[ch.field] ?? ch.field}
              </Typography.Text>
              <FromTo c={ch} s={s} item />
            </Space>
          ))}
        </Space>
      ),
    })),
  ];
  const bg = { added: DIFF_COLORS.addedBg, removed: DIFF_COLORS.removedBg, changed: DIFF_COLORS.changedBg };
  const itemColumns: TableColumnsType<Row> = [
    { title: '变化', dataIndex: 'kind', key: 'kind', width: 86, render: (k: Row['kind']) => KIND_TAGS[k] },
    { title: '数据项', dataIndex: 'name', key: 'name', width: 170 },
    { title: '内容', dataIndex: 'detail', key: 'detail' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} aria-label="版本差异">
      <Space size={8} wrap>
        <Typography.Text strong>
          第{diff.from}版 → 第{diff.to}版：
        </Typography.Text>
        {diff.fields.length > 0 && <Tag color="blue">目录信息变化 {diff.fields.length}</Tag>}
        {added.length > 0 && <Tag color="success">新增数据项 {added.length}</Tag>}
        {removed.length > 0 && <Tag color="error">删除数据项 {removed.length}</Tag>}
        {changed.length > 0 && <Tag color="warning">修改数据项 {changed.length}</Tag>}
      </Space>
      {diff.fields.length > 0 && (
        <Table<Change>
          size="small"
          rowKey="field"
          columns={fieldColumns}
          dataSource={diff.fields}
          pagination={false}
          bordered
        />
      )}
      {rows.length > 0 && (
        <Table<Row>
          size="small"
          rowKey="key"
          columns={itemColumns}
          dataSource={rows}
          pagination={false}
          bordered
          onRow={(r) => ({ style: { background: bg[r.kind] } })}
        />
      )}
    </Space>
  );
}
