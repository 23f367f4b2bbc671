import { Alert, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { articleBasis, levelLabel } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import type { ListResponse, PublicAgency } from '../../types.ts';

const ORDER = ['province', 'city', 'county'];

export function DepartmentList() {
  const { data, error, loading } = useApi<ListResponse<PublicAgency>>(
    '/api/v1/agencies',
    { kind: 'department' },
    false,
  );
  const groups = useMemo(() => {
    const map = new Map<string, PublicAgency[]>();
    for (const a of data?.items ?? []) map.set(a.level, [...(map.get(a.level) ?? []), a]);
    return [...map.entries()].sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b));
  }, [data]);

  return (
    <section>
      <Typography.Title level={4} style={{ marginBottom: 4 }}>
        部门
      </Typography.Title>
      <Typography.Paragraph type="secondary">提供和开放公共数据的政务部门</Typography.Paragraph>
      <Card>
        {loading && <Skeleton active />}
        {error && (
          <Alert
            type="warning"
            showIcon
            title={`部门名录暂时无法加载：${error.title}`}
            description={
              [error.detail, articleBasis(error.article)].filter(Boolean).join(' ') || '请稍后刷新页面重试。'
            }
          />
        )}
        {!loading && !error && groups.length === 0 && (
          <Empty description="部门名录尚未发布，请稍后再来查看。" />
        )}
        {groups.map(([level, agencies]) => (
          <div key={level} style={{ marginBottom: 16 }}>
            <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
              {levelLabel(level)}部门（{agencies.length}）
            </Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {agencies.map((a) => (
                <Tag key={a.id} style={{ padding: '4px 10px', fontSize: 13, background: '#f7f9fc' }}>
                  {a.name}
                  {level !== 'province' && a.regionName && (
                    <span style={{ color: 'rgba(0,0,0,0.45)', marginLeft: 6 }}>{a.regionName}</span>
                  )}
                </Tag>
              ))}
            </div>
          </div>
        ))}
      </Card>
    </section>
  );
}
