import { Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { hasPermission, useSession } from '../../lib/session.ts';
import { useApi } from '../../lib/useApi.ts';
import type { RulebookVersion } from '../../matterTypes.ts';
import { RulesTable } from './rulebook/RulesTable.tsx';
import { effectiveRange, VersionList, versionStatus } from './rulebook/VersionList.tsx';

export default function RulebookPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const { data, error, loading } = useApi<{ versions: RulebookVersion[] }>('/api/v1/rulebook');
  const versions = useMemo(
    () => [...(data?.versions ?? [])].sort((a, b) => dayjs(b.effectiveFrom).diff(dayjs(a.effectiveFrom))),
    [data],
  );
  const wanted = params.get('version');
  const selected =
    versions.find((v) => String(v.id) === wanted) ?? versions.find((v) => v.current) ?? versions[0] ?? null;
  const status = selected ? versionStatus(selected) : null;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={8} xxl={6}>
        <Card
          title="规则版本"
          loading={loading && !data}
          styles={{ body: { padding: versions.length ? 0 : undefined } }}
        >
          <ProblemAlert problem={error} style={{ margin: 12 }} />
          {versions.length === 0 && !error ? (
            <Empty
              description={
                hasPermission(user, 'rulebook.manage')
                  ? '尚未录入时限规则。请依据现行《办法》录入第一个规则版本。'
                  : '尚未录入时限规则，请联系省级政务数据主管部门。'
              }
            />
          ) : (
            <VersionList
              items={versions}
              selected={selected ? String(selected.id) : null}
              onSelect={(id) => setParams({ version: id }, { replace: true })}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={16} xxl={18}>
        <Card
          title={
            selected ? (
              <span>
                {selected.name}{' '}
                {status && (
                  <Tag color={status.color} style={{ marginInlineStart: 8 }}>
                    {status.label}
                  </Tag>
                )}
              </span>
            ) : (
              '时限规则'
            )
          }
          loading={loading && !data}
        >
          {!selected ? (
            <Empty description="请先在左侧选择一个规则版本。" />
          ) : (
            <>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                style={{ marginBottom: 16 }}
                items={[
                  { key: 'range', label: '施行期间', children: effectiveRange(selected) },
                  { key: 'count', label: '时限数', children: `${selected.rules.length} 项` },
                  ...(selected.validUntil
                    ? [
                        {
                          key: 'valid',
                          label: '文件有效期至',
                          children: `${formatDate(selected.validUntil)}（仅供参考，以新版本生效为准）`,
                        },
                      ]
                    : []),
                  ...(selected.createdAt
                    ? [
                        {
                          key: 'created',
                          label: '录入',
                          children: `${formatDateTime(selected.createdAt)}${selected.createdBy === 'system' ? '（系统初始化）' : selected.createdBy ? `，${selected.createdBy}` : ''}`,
                        },
                      ]
                    : []),
                  { key: 'source', label: '来源', children: selected.source, span: 2 },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                每项办理时限都记录了计算它所用的规则版本（见事项详情）。“个工作日”不含法定节假日，调休上班日计为工作日。
              </Typography.Paragraph>
              <RulesTable rules={selected.rules} />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
