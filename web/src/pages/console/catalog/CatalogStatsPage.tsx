import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { hasPermission, useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';
import { StatsAgencyTable } from './StatsAgencyTable.tsx';
import { AgencyStateChart, GroupChart, LevelChart, TypeDonut } from './StatsCharts.tsx';
import { OPEN_TYPE_CHART_COLORS, SHARE_TYPE_CHART_COLORS, type StatisticsResponse } from './statsTypes.ts';

interface Kpi {
  title: string;
  value: number | undefined;
  color?: string;
  hint: string;
}

/** 目录统计: catalog compilation, publication and opening across the agencies an authority oversees. */
export default function CatalogStatsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi<StatisticsResponse>('/api/v1/catalog/statistics');
  const t = data?.totals;
  const kpis: Kpi[] = [
    { title: '目录总数', value: t?.entries, hint: '所辖部门编制的全部目录（含未发布）' },
    { title: '已发布', value: t?.published, color: '#389e0d', hint: '审核通过并发布的目录' },
    { title: '开放目录', value: t?.open, color: '#1d5ab9', hint: '已发布目录中无条件开放或有条件开放的' },
    { title: '审核中', value: t?.submitted, hint: '已提交、待主管部门审核的目录' },
    { title: '已退回', value: t?.returned, color: '#d48806', hint: '退回修改、待部门修改后重新提交的目录' },
    { title: '撤销中', value: t?.revoking, color: '#d4380d', hint: '已申请撤销、尚在过渡期的目录' },
  ];
  const openTypes = useMemo(
    () => (data?.byOpenType ?? []).map((r) => ({ name: r.openType, value: r.count })),
    [data],
  );
  const shareTypes = useMemo(
    () => (data?.byShareType ?? []).map((r) => ({ name: r.shareType, value: r.count })),
    [data],
  );
  const a = user?.agency;
  const scope = !a
    ? '所辖部门'
    : a.level === 'province'
      ? '全省各级部门'
      : `${a.regionName}${a.level === 'city' ? '及所辖县（市、区）' : ''}部门`;

  return (
    <>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBlock: 12 } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
          <Typography.Text type="secondary">
            统计范围：{scope}。目录数按当前状态统计，开放与共享类型按已发布目录统计。
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </div>
      </Card>
      <ProblemAlert problem={error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {kpis.map((k) => (
          <Col key={k.title} xs={12} md={8} xl={4}>
            <Card size="small" loading={loading && !data}>
              <Statistic
                title={<span title={k.hint}>{k.title}</span>}
                value={k.value ?? '—'}
                suffix={k.value !== undefined ? '条' : undefined}
                styles={{ content: { color: k.color } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card title="各部门目录编制情况" size="small" loading={loading && !data} style={{ height: '100%' }}>
            <AgencyStateChart
              rows={data?.byAgency ?? []}
              onPick={(id) => navigate(`/console/catalog?provider=${id}`)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12} xl={24} xxl={12}>
              <Card title="开放类型" size="small" loading={loading && !data}>
                <TypeDonut rows={openTypes} colors={OPEN_TYPE_CHART_COLORS} label="已发布目录按开放类型" />
              </Card>
            </Col>
            <Col xs={24} md={12} xl={24} xxl={12}>
              <Card title="共享类型" size="small" loading={loading && !data}>
                <TypeDonut rows={shareTypes} colors={SHARE_TYPE_CHART_COLORS} label="已发布目录按共享类型" />
              </Card>
            </Col>
          </Row>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={10}>
          <Card title="分层级统计" size="small" loading={loading && !data} style={{ height: '100%' }}>
            <LevelChart rows={data?.byLevel ?? []} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="分组已发布目录" size="small" loading={loading && !data} style={{ height: '100%' }}>
            <GroupChart rows={data?.byGroup ?? []} />
          </Card>
        </Col>
      </Row>
      <Card title="部门明细" size="small">
        <StatsAgencyTable
          rows={data?.byAgency ?? []}
          loading={loading}
          linkDuties={hasPermission(user, 'catalog.duty.manage')}
        />
      </Card>
    </>
  );
}
