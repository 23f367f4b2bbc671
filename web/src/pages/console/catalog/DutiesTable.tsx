import { DeleteOutlined, EditOutlined, LinkOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { entryStatusLabel } from '../../../lib/catalog.ts';
import type { Duty } from './dutiesTypes.ts';

const FROM = { from: '/console/catalog/duties' };

interface Props {
  duties: Duty[];
  loading: boolean;
  onEdit: (duty: Duty) => void;
  onLink: (duty: Duty) => void;
  onDelete: (duty: Duty) => void;
  empty: string;
}

/** The agency's duties in 三定 order, each with the entries that serve it; a duty without one stands out. */
export function DutiesTable({ duties, loading, onEdit, onLink, onDelete, empty }: Props) {
  const columns: TableColumnsType<Duty> = [
    {
      title: '序号',
      key: 'no',
      width: 64,
      align: 'center',
      render: (_, __, i) => i + 1,
    },
    {
      title: '职责',
      key: 'name',
      render: (_, d) => (
        <div>
          <div style={{ whiteSpace: 'pre-wrap' }}>{d.name}</div>
          {d.basis && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              依据：{d.basis}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '对应目录',
      key: 'entries',
      width: '40%',
      render: (_, d) => (
        <Space size={[4, 4]} wrap>
          {d.entries.map((e) => (
            <Tag key={e.id} color="blue" variant="outlined" style={{ marginInlineEnd: 0 }}>
              <Link
                to={`/console/catalog/entries/${e.id}`}
                state={FROM}
                title={e.code}
                style={{ color: 'inherit' }}
              >
                {e.name}
              </Link>
              {e.status !== 'published' && (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                  （{entryStatusLabel(e.status)}）
                </Typography.Text>
              )}
            </Tag>
          ))}
          {!d.covered && (
            <Tooltip title={d.entries.length ? '关联的目录均已撤销' : '尚无目录对应该职责'}>
              <Tag color="error">未编目</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 250,
      render: (_, d) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<LinkOutlined />} onClick={() => onLink(d)}>
            关联目录
          </Button>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(d)}>
            修改
          </Button>
          <Popconfirm
            title="删除这项职责？"
            description={d.entries.length ? '与目录的关联将一并解除，目录本身不受影响。' : undefined}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => onDelete(d)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Table<Duty>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={duties}
      pagination={duties.length > 50 ? { pageSize: 50, showTotal: (n) => `共 ${n} 项` } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
