import { SearchOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Input, Modal, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type DataElement, dataTypeLabel, piKindLabel, type Term } from '../../../lib/catalog.ts';
import { GradeTag } from './EntryTags.tsx';

interface Props {
  open: boolean;
  elements: DataElement[];
  grades: Term[];
  /** Several at once (adds rows) or one (fills the row being edited). */
  multiple: boolean;
  /** Elements already used by other rows, marked so they are not added twice. */
  used?: number[];
  onPick: (elements: DataElement[]) => void;
  onClose: () => void;
}

const matches = (e: DataElement, q: string) =>
  !q ||
  [e.name, e.identifier, e.fieldName, ...e.synonyms].some((s) => s.toLowerCase().includes(q)) ||
  (e.formatRule ?? '').toLowerCase().includes(q);

/** 数据元选择: search the data-element dictionary by name, synonym, field name or identifier. */
export function DataElementPicker({ open, elements, grades, multiple, used = [], onPick, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const q = query.trim().toLowerCase();
  const shown = useMemo(() => elements.filter((e) => !e.retired && matches(e, q)), [elements, q]);

  const toggle = (id: number) =>
    setSelected((s) => (multiple ? (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]) : [id]));
  const finish = () => {
    const picked = selected.map((id) => elements.find((e) => e.id === id)).filter((e) => e !== undefined);
    if (!picked.length) return;
    onPick(picked);
    setSelected([]);
    setQuery('');
  };

  const columns: TableColumnsType<DataElement> = [
    {
      title: '数据元',
      key: 'name',
      width: 170,
      render: (_, e) => (
        <div>
          <Typography.Text strong>{e.name}</Typography.Text>
          {used.includes(e.id) && (
            <Tag color="default" style={{ marginLeft: 6 }}>
              已使用
            </Tag>
          )}
          <div className="mono" style={{ color: 'rgba(0,0,0,0.45)' }}>
            {e.identifier} · {e.fieldName}
          </div>
        </div>
      ),
    },
    {
      title: '同义词',
      dataIndex: 'synonyms',
      key: 'synonyms',
      width: 180,
      render: (s: string[]) => (s.length ? s.join('、') : '—'),
    },
    {
      title: '类型/长度',
      key: 'type',
      width: 110,
      render: (_, e) => `${dataTypeLabel(e.dataType)}${e.length ? `（${e.length}）` : ''}`,
    },
    {
      title: '格式规则',
      key: 'rule',
      render: (_, e) => (
        <div style={{ fontSize: 12 }}>
          {e.formatRule ?? '—'}
          {e.standard && <div style={{ color: 'rgba(0,0,0,0.45)' }}>{e.standard}</div>}
        </div>
      ),
    },
    {
      title: '个人信息',
      dataIndex: 'piKind',
      key: 'pi',
      width: 110,
      render: (v: string | null) => (v ? <Tag color="purple">{piKindLabel(v)}</Tag> : '—'),
    },
    {
      title: '默认分级',
      dataIndex: 'defaultGrade',
      key: 'grade',
      width: 90,
      render: (v: string | null) => (v ? <GradeTag code={v} grades={grades} /> : '—'),
    },
  ];

  return (
    <Modal
      open={open}
      title={multiple ? '从数据元添加数据项' : '选择数据元'}
      width={1040}
      okText={selected.length ? `选用（${selected.length}）` : '选用'}
      okButtonProps={{ disabled: !selected.length }}
      cancelText="取消"
      onOk={finish}
      onCancel={() => {
        setSelected([]);
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        数据元由省级政务数据主管部门统一制定（《办法》第十二条）。选用后按数据元填入数据项的名称、代码、类型、长度、个人信息类型和默认分级，可再行调整。
      </Typography.Paragraph>
      <Input
        allowClear
        autoFocus
        prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
        placeholder="按名称、同义词、字段名或标识符查找，如 身份证号"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 12 }}
        aria-label="查找数据元"
      />
      <Table<DataElement>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={shown}
        rowSelection={{
          type: multiple ? 'checkbox' : 'radio',
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
          preserveSelectedRowKeys: true,
        }}
        onRow={(e) => ({ onClick: () => toggle(e.id), style: { cursor: 'pointer' } })}
        pagination={{ defaultPageSize: 8, showTotal: (t) => `共 ${t} 个数据元`, showSizeChanger: false }}
        scroll={{ y: 420 }}
      />
    </Modal>
  );
}
