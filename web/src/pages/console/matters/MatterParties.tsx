import { BankOutlined } from '@ant-design/icons';
import { Descriptions, Empty } from 'antd';
import type { MatterParty } from '../../../matterTypes.ts';

const ROLE_LABELS: Record<MatterParty['role'], string> = {
  applicant: '申请方',
  provider: '提供方',
  authority: '主管部门',
};

/** 相关单位: who applies, who provides, which authority supervises. */
export function MatterParties({ parties }: { parties: MatterParty[] }) {
  if (parties.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未登记相关单位" />;
  return (
    <Descriptions
      column={1}
      size="small"
      items={parties.map((p) => ({
        key: `${p.role}:${p.agencyId}`,
        label: ROLE_LABELS[p.role] ?? p.role,
        children: (
          <span>
            <BankOutlined style={{ color: 'rgba(0,0,0,0.45)', marginInlineEnd: 6 }} />
            {p.agencyName}
          </span>
        ),
      }))}
    />
  );
}
