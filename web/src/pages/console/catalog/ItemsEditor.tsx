import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CloseCircleOutlined,
  DatabaseOutlined,
  DeleteOutlined,
  LinkOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { FormInstance, TableColumnsType } from 'antd';
import {
  Button,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type CatalogStandard,
  DATA_TYPES,
  type DataElement,
  elementByName,
  PI_KINDS,
} from '../../../lib/catalog.ts';
import { DataElementPicker } from './DataElementPicker.tsx';
import { type EntryFormValues, emptyRow, type ItemRow, rowKey } from './entryForm.ts';

interface Props {
  form: FormInstance<EntryFormValues>;
  standard: CatalogStandard;
  /** Rows changed by a button (setFieldValue and list operations do not report onValuesChange). */
  onEdit: () => void;
}

const cell = { style: { margin: 0 } };

/** A row filled from a data element; the name typed stays when there is one (it may be a synonym). */
export function fillFromElement(row: ItemRow, e: DataElement): ItemRow {
  return {
    ...row,
    name: row.name?.trim() ? row.name : e.name,
    code: e.fieldName,
    dataType: e.dataType,
    length: e.length,
    piKind: e.piKind,
    grade: e.defaultGrade ?? row.grade,
    dataElementId: e.id,
  };
}

/** The bound element, or the one the server will bind by name on saving, with pick/clear buttons. */
function ElementCell({
  index,
  form,
  standard,
  onPick,
  onClear,
}: {
  index: number;
  form: FormInstance<EntryFormValues>;
  standard: CatalogStandard;
  onPick: () => void;
  onClear: () => void;
}) {
  const row = Form.useWatch(['items', index], form) as ItemRow | undefined;
  const bound = row?.dataElementId ? standard.elements.find((e) => e.id === row.dataElementId) : undefined;
  const guess = !bound ? elementByName(standard.elements, row?.name) : undefined;
  return (
    <Space size={0} wrap={false}>
      {bound ? (
        <Tooltip title={`${bound.identifier} · ${bound.formatRule ?? bound.fieldName}`}>
          <Typography.Text style={{ maxWidth: 100 }} ellipsis>
            <LinkOutlined style={{ color: '#1d5ab9', marginRight: 4 }} />
            {bound.name}
          </Typography.Text>
        </Tooltip>
      ) : guess ? (
        <Tooltip title="数据项名称与数据元名称或同义词一致，保存时自动关联">
          <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 100 }} ellipsis>
            将关联：{guess.name}
          </Typography.Text>
        </Tooltip>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          未关联
        </Typography.Text>
      )}
      <Button size="small" type="link" onClick={onPick} aria-label={`为第${index + 1}项选择数据元`}>
        {bound ? '更换' : '选择'}
      </Button>
      {bound && (
        <Tooltip title="取消关联">
          <Button
            size="small"
            type="text"
            icon={<CloseCircleOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
            onClick={onClear}
            aria-label={`清除第${index + 1}项的数据元`}
          />
        </Tooltip>
      )}
    </Space>
  );
}

/** 数据项: the editable item table (Art. 13 typed columns, Art. 14 a grade each) and the element picker. */
export function ItemsEditor({ form, standard, onEdit }: Props) {
  // null: closed; 'add': several new rows; a number: fill that row.
  const [picking, setPicking] = useState<'add' | number | null>(null);
  const gradeOptions = standard.grades.map((g) => ({ value: g.code, label: g.name }));
  const items = (Form.useWatch('items', form) ?? []) as ItemRow[];
  const used = items.map((i) => i.dataElementId).filter((id): id is number => typeof id === 'number');

  // Art. 14: every item has a grade; one left empty takes its data element's default on saving.
  const elementOf = (i: number) => {
    const row = items[i];
    if (!row) return undefined;
    return row.dataElementId
      ? standard.elements.find((e) => e.id === row.dataElementId)
      : elementByName(standard.elements, row.name);
  };
  const inherited = (i: number) => {
    const g = elementOf(i)?.defaultGrade;
    return g ? `${standard.grades.find((x) => x.code === g)?.name ?? g}（默认）` : undefined;
  };
  const gradeCheck = (v: unknown, i: number) =>
    v || elementOf(i)?.defaultGrade ? Promise.resolve() : Promise.reject(new Error('请选择分级'));

  const pick = (elements: DataElement[]) => {
    const rows = [...(form.getFieldValue('items') ?? [])] as ItemRow[];
    if (picking === 'add') {
      // A single empty row left from "添加数据项" is filled first.
      const blank = rows.length === 1 && !rows[0].name && !rows[0].code ? rows.pop() : undefined;
      const added = elements.map((e, i) => fillFromElement(i === 0 && blank ? blank : emptyRow(), e));
      form.setFieldValue('items', [...rows, ...added]);
    } else if (typeof picking === 'number') {
      rows[picking] = fillFromElement(rows[picking], elements[0]);
      form.setFieldValue('items', rows);
    }
    setPicking(null);
    onEdit();
  };

  return (
    <Form.List name="items">
      {(fields, { add, remove, move }) => {
        const columns: TableColumnsType<(typeof fields)[number]> = [
          { title: '序号', key: 'n', width: 44, align: 'center', render: (_, __, i) => i + 1 },
          {
            title: '数据项名称',
            key: 'name',
            width: 160,
            render: (_, f) => (
              <Form.Item
                {...cell}
                name={[f.name, 'name']}
                rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
              >
                <Input placeholder="如 公民身份号码" maxLength={100} aria-label={`第${f.name + 1}项名称`} />
              </Form.Item>
            ),
          },
          {
            title: '代码',
            key: 'code',
            width: 120,
            render: (_, f) => (
              <Form.Item
                {...cell}
                name={[f.name, 'code']}
                rules={[{ pattern: /^[A-Za-z][A-Za-z0-9_]{0,63}$/, message: '字母开头，仅字母数字下划线' }]}
              >
                <Input
                  className="mono"
                  placeholder="如 GMSFHM"
                  maxLength={64}
                  aria-label={`第${f.name + 1}项代码`}
                />
              </Form.Item>
            ),
          },
          {
            title: '类型',
            key: 'type',
            width: 108,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'dataType']}>
                <Select options={DATA_TYPES} placeholder="类型" aria-label={`第${f.name + 1}项类型`} />
              </Form.Item>
            ),
          },
          {
            title: '长度',
            key: 'length',
            width: 80,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'length']}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} aria-label="长度" />
              </Form.Item>
            ),
          },
          {
            title: '必填',
            key: 'required',
            width: 52,
            align: 'center',
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'required']} valuePropName="checked">
                <Checkbox aria-label={`第${f.name + 1}项必填`} />
              </Form.Item>
            ),
          },
          {
            title: '个人信息类型',
            key: 'pi',
            width: 140,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'piKind']}>
                <Select
                  allowClear
                  options={PI_KINDS}
                  placeholder="不含"
                  aria-label={`第${f.name + 1}项个人信息类型`}
                />
              </Form.Item>
            ),
          },
          {
            title: '分级',
            key: 'grade',
            width: 104,
            render: (_, f) => (
              <Form.Item
                {...cell}
                name={[f.name, 'grade']}
                rules={[{ validator: (_, v) => gradeCheck(v, f.name) }]}
              >
                <Select
                  allowClear
                  options={gradeOptions}
                  placeholder={inherited(f.name) ?? '分级'}
                  aria-label={`第${f.name + 1}项分级`}
                />
              </Form.Item>
            ),
          },
          {
            title: '数据元',
            key: 'element',
            width: 200,
            render: (_, f) => (
              <>
                <Form.Item name={[f.name, 'dataElementId']} hidden>
                  <Input />
                </Form.Item>
                <ElementCell
                  index={f.name}
                  form={form}
                  standard={standard}
                  onPick={() => setPicking(f.name)}
                  onClear={() => {
                    form.setFieldValue(['items', f.name, 'dataElementId'], null);
                    onEdit();
                  }}
                />
              </>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 96,
            fixed: 'right',
            render: (_, f, i) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  onClick={() => {
                    move(i, i - 1);
                    onEdit();
                  }}
                  aria-label="上移"
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  disabled={i === fields.length - 1}
                  onClick={() => {
                    move(i, i + 1);
                    onEdit();
                  }}
                  aria-label="下移"
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => {
                    remove(f.name);
                    onEdit();
                  }}
                  aria-label={`删除第${f.name + 1}项`}
                />
              </Space>
            ),
          },
        ];
        return (
          <>
            <Table
              size="small"
              rowKey={(f) => f.key}
              columns={columns}
              dataSource={fields}
              pagination={false}
              scroll={{ x: 1100 }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description="尚无数据项。请从数据元添加，或逐项填写（《办法》第十三条：目录应列明数据项）。"
                  />
                ),
              }}
            />
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" ghost icon={<DatabaseOutlined />} onClick={() => setPicking('add')}>
                从数据元添加
              </Button>
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  add({ ...emptyRow(), key: rowKey() });
                  onEdit();
                }}
              >
                添加数据项
              </Button>
            </Space>
            <DataElementPicker
              open={picking !== null}
              elements={standard.elements}
              grades={standard.grades}
              multiple={picking === 'add'}
              used={used}
              onPick={pick}
              onClose={() => setPicking(null)}
            />
          </>
        );
      }}
    </Form.List>
  );
}
