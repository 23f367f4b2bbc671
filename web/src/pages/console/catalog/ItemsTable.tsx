import { CheckOutlined, LinkOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Table, Tag, Tooltip, Typography } from 'antd';
import { type CatalogStandard, type DataItem, dataTypeLabel, piKindLabel } from '../../../lib/catalog.ts';
import { GradeTag } from './EntryTags.tsx';

interface Props {
  items: DataItem[];
  standard: CatalogStandard | undefined;
  /** Row class per item (the review diff marks added/changed rows). */
  rowClassName?: (item: DataItem) => string;
}

/** The data items of one version, read-only (Art. 13: typed columns; Art. 14: a grade each). */
export function ItemsTable({ items, standard, rowClassName }: Props) {
  const element = (id: number | null) =>
    id === null ? undefined : standard?.elements.find((e) => e.id === id);
  const columns: TableColumnsType<DataItem> = [
    { title: '序号', key: 'n', width: 56, align: 'center', render: (_, __, i) => i + 1 },
    { title: '数据项名称', dataIndex: 'name', key: 'name', width: 180 },
    {
      title: '代码',
      dataIndex: 'code',
      key: 'code',
      width: 150,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: '类型/长度',
      key: 'type',
      width: 120,
      render: (_, it) => `${dataTypeLabel(it.dataType)}${it.length ? `（${it.length}）` : ''}`,
    },
    {
      title: '必填',
      dataIndex: 'required',
      key: 'required',
      width: 60,
      align: 'center',
      render: (v: boolean) => (v ? <CheckOutlined style={{ color: '#389e0d' }} aria-label="必填" /> : ''),
    },
    {
      title: '个人信息',
      dataIndex: 'piKind',
      key: 'pi',
      width: 120,
      render: (v: string | null) => (v ? <Tag color="purple">{piKindLabel(v)}</Tag> : '—'),
    },
    {
      title: '分级',
      dataIndex: 'grade',
      key: 'grade',
      width: 90,
      render: (v: string) => <GradeTag code={v} grades={standard?.grades} />,
    },
    {
      title: '数据元',
      key: 'element',
      render: (_, it) => {
        const e = element(it.dataElementId);
        if (!e)
          return it.dataElementId ? (
            `#${it.dataElementId}`
          ) : (
            <Typography.Text type="secondary">未关联</Typography.Text>
          );
        return (
          <Tooltip title={[e.identifier, e.standard, e.formatRule].filter(Boolean).join(' · ')}>
            <span>
              <LinkOutlined style={{ color: 'rgba(0,0,0,0.45)', marginRight: 4 }} />
              {e.name}
              {it.boundAutomatically && (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                  按名称自动关联
                </Typography.Text>
              )}
            </span>
          </Tooltip>
        );
      },
    },
  ];
  return (
    <Table<DataItem>
      size="small"
      rowKey={(it) => `${it.code}:${it.name}`}
      columns={columns}
      dataSource={items}
      pagination={items.length > 50 ? { defaultPageSize: 50, showTotal: (t) => `共 ${t} 项` } : false}
      rowClassName={rowClassName}
      scroll={{ x: 900 }}
    />
  );
}
