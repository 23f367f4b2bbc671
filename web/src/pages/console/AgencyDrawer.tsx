import { PhoneOutlined } from '@ant-design/icons';
import { Descriptions, Drawer, Empty, Table, Tag, Typography } from 'antd';
import { kindLabel, levelLabel } from '../../lib/format.ts';
import type { Agency, Officer } from '../../types.ts';

interface Props {
  agency: Agency | null;
  onClose: () => void;
}

const officerColumns = [
  { title: '姓名', dataIndex: 'name', key: 'name' },
  { title: '职务', dataIndex: 'title', key: 'title' },
  {
    title: '联系电话',
    dataIndex: 'phone',
    key: 'phone',
    render: (phone: string) =>
      phone ? (
        <span>
          <PhoneOutlined style={{ color: 'rgba(0,0,0,0.45)' }} /> {phone}
        </span>
      ) : (
        '—'
      ),
  },
];

export function AgencyDrawer({ agency, onClose }: Props) {
  return (
    <Drawer
      open={agency !== null}
      onClose={onClose}
      size={560}
      title={agency?.name ?? '机构详情'}
      destroyOnHidden
    >
      {agency && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 140 } }}
            items={[
              { key: 'name', label: '机构名称', children: agency.name },
              { key: 'short', label: '简称', children: agency.shortName || '—' },
              { key: 'kind', label: '机构类型', children: <Tag>{kindLabel(agency.kind)}</Tag> },
              { key: 'level', label: '层级', children: <Tag color="blue">{levelLabel(agency.level)}</Tag> },
              {
                key: 'region',
                label: '行政区划',
                children: `${agency.regionName}（${agency.regionCode}）`,
              },
              { key: 'sup', label: '上级主管机构', children: agency.supervisingAgencyName || '—' },
              {
                key: 'uscc',
                label: '统一社会信用代码',
                children: agency.uscc ? (
                  <Typography.Text className="mono" copyable>
                    {agency.uscc}
                  </Typography.Text>
                ) : (
                  '—'
                ),
              },
              { key: 'order', label: '排列顺序', children: agency.displayOrder },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            数据工作机构和责任人
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 8 }}>
              依据《办法》第六条
            </Typography.Text>
          </Typography.Title>
          <Table<Officer>
            size="small"
            rowKey={(o) => `${o.name}-${o.title}-${o.phone}`}
            columns={officerColumns}
            dataSource={agency.officers ?? []}
            pagination={false}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description="尚未登记数据工作责任人。请本机构明确数据工作机构和责任人后报送登记。"
                />
              ),
            }}
          />
        </>
      )}
    </Drawer>
  );
}
