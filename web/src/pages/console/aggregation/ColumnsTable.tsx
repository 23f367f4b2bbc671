import { KeyOutlined, LockOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import {
  type Dataset,
  type DatasetColumn,
  type Rule,
  ruleHint,
  ruleLabel,
} from '../../../lib/aggregation.ts';
import { dataTypeLabel, piKindLabel, type Term } from '../../../lib/catalog.ts';
import { GradeTag } from '../catalog/EntryTags.tsx';

const RULE_COLORS: Partial<Record<Rule['kind'], string>> = {
  required: 'red',
  id_number: 'cyan',
  uscc: 'cyan',
  region_code: 'cyan',
  enumeration: 'purple',
};

export function RuleTag({ rule }: { rule: Rule }) {
  const tag = (
    <Tag color={RULE_COLORS[rule.kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {ruleLabel(rule)}
      {rule.severity === 'warning' ? '（警告）' : ''}
    </Tag>
  );
  const hint = ruleHint(rule);
  return hint ? <Tooltip title={hint}>{tag}</Tooltip> : tag;
}

/** 数据项: the dataset's columns as registered from the catalog, with storage and quality rules. */
export function ColumnsTable({ dataset, grades }: { dataset: Dataset; grades: Term[] | undefined }) {
  const columns: TableColumnsType<DatasetColumn> = [
    { title: '序号', dataIndex: 'position', key: 'n', width: 60, align: 'center' },
    {
      title: '数据项',
      dataIndex: 'itemName',
      key: 'name',
      width: 170,
      render: (v: string, c) => (
        <Space size={6}>
          <span>{v}</span>
          {dataset.keyItems.includes(c.itemCode) && (
            <Tooltip title="主键：唯一确定一条记录">
              <KeyOutlined style={{ color: '#d48806' }} aria-label="主键" />
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '编码',
      dataIndex: 'itemCode',
      key: 'code',
      width: 110,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: '文件列名',
      dataIndex: 'sourceName',
      key: 'source',
      width: 130,
      render: (v: string, c) =>
        v === c.itemName ? <Typography.Text type="secondary">同数据项名称</Typography.Text> : v,
    },
    {
      title: '类型',
      dataIndex: 'dataType',
      key: 'type',
      width: 100,
      render: (v: string) => dataTypeLabel(v),
    },
    {
      title: '分级',
      dataIndex: 'grade',
      key: 'grade',
      width: 90,
      render: (v: string) => <GradeTag code={v} grades={grades} />,
    },
    {
      title: '个人信息',
      dataIndex: 'piKind',
      key: 'pi',
      width: 120,
      render: (v: string | null) => (v ? <Tag color="purple">{piKindLabel(v)}</Tag> : '—'),
    },
    {
      title: '存储',
      dataIndex: 'protected',
      key: 'protected',
      width: 110,
      render: (v: boolean) =>
        v ? (
          <Tooltip title="《办法》第三十八条：以国密 SM4 加密存储">
            <Tag color="geekblue" icon={<LockOutlined />}>
              加密存储
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">明文</Typography.Text>
        ),
    },
    {
      title: '质量规则',
      dataIndex: 'rules',
      key: 'rules',
      render: (rules: Rule[]) =>
        rules.length ? (
          <Space size={[4, 4]} wrap>
            {rules.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a rule list is fixed for a column.
              <RuleTag key={i} rule={r} />
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {`数据项取自目录第${dataset.entryVersion}版；质量规则由数据项的类型、长度与关联数据元的标准生成（《办法》第十九条），` +
          '每个批次逐行检查，有错误的行拒收，警告不影响接收。'}
      </Typography.Paragraph>
      <Table<DatasetColumn>
        size="small"
        rowKey="itemCode"
        columns={columns}
        dataSource={dataset.columns}
        pagination={
          dataset.columns.length > 50 ? { defaultPageSize: 50, showTotal: (t) => `共 ${t} 项` } : false
        }
        scroll={{ x: 1100 }}
      />
    </>
  );
}
