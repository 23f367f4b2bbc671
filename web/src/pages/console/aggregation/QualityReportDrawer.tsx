import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Popconfirm, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import {
  type Dataset,
  formatCount,
  formatPercent,
  type Load,
  loadApi,
  loadKindLabel,
  rejectedCsvUrl,
  seesClear,
} from '../../../lib/aggregation.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';
import { LoadStatusTag } from './LoadStatusTag.tsx';
import { FindingsChart, FindingsTable } from './QualityFindings.tsx';

const muted = { color: 'rgba(0,0,0,0.45)' } as const;

interface Props {
  dataset: Dataset;
  loadId: string | null;
  onClose: () => void;
}

/** A plain link: the browser downloads with the session cookie and keeps the server's file name. */
function download(href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** 质量报告 of one load (Art. 19): totals, problems per item, findings with masked samples, rejected rows. */
export function QualityReportDrawer({ dataset, loadId, onClose }: Props) {
  const { user } = useSession();
  const { data, error } = useApi<Load>(loadId ? loadApi(dataset.id, loadId) : null);
  const load = data && data.id === loadId ? data : undefined;
  const report = load?.report ?? null;
  const clear = seesClear(user, dataset);
  const over = report ? report.errorRate > dataset.errorThreshold : false;

  return (
    <Drawer
      open={loadId !== null}
      onClose={onClose}
      size="min(1040px, calc(100vw - 48px))"
      destroyOnHidden
      title={
        <Space size={8}>
          <span>质量报告 · 批次 #{loadId}</span>
          {load && <LoadStatusTag status={load.status} />}
        </Space>
      }
      extra={
        load &&
        load.rowsRejected > 0 && (
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => download(rejectedCsvUrl(dataset.id, load.id))}>
              下载拒收数据（已脱敏）
            </Button>
            {clear && (
              <Popconfirm
                title="导出未脱敏的拒收数据？"
                description={
                  <div style={{ maxWidth: 300 }}>
                    文件含个人信息原值，仅限本部门核查更正使用；本次导出将记入审计留痕（《办法》第三十三条）。
                  </div>
                }
                okText="导出原值"
                cancelText="取消"
                icon={<WarningOutlined style={{ color: '#faad14' }} />}
                onConfirm={() => download(rejectedCsvUrl(dataset.id, load.id, true))}
              >
                <Button>导出原值</Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      <ProblemAlert problem={error} />
      {!load && !error && (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin description="正在加载质量报告…" />
        </div>
      )}
      {load && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div style={muted}>
            {loadKindLabel(load.kind)}汇聚 · {load.fileName ?? '（未命名文件）'} ·{' '}
            {formatDateTime(load.startedAt)} 由 {load.startedBy} 上传
            {load.finishedAt ? ` · ${formatDateTime(load.finishedAt)}完成` : ''}
          </div>
          {load.error && (
            <Alert
              type={load.status === 'rejected' ? 'warning' : 'error'}
              showIcon
              title={load.status === 'rejected' ? '错误率超过阈值，整批拒收，数据集保持不变' : '汇聚失败'}
              description={load.error}
            />
          )}
          {!report ? (
            <Alert type="info" showIcon title="该批次没有质量报告（文件未能读取）。" />
          ) : (
            <>
              <Row gutter={[16, 16]}>
                <Col xs={12} md={6}>
                  <Statistic title="读取行数" value={report.rowsRead} groupSeparator="," />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic
                    title="接收行数"
                    value={report.rowsAccepted}
                    groupSeparator=","
                    styles={{ content: { color: '#389e0d' } }}
                  />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic
                    title="拒收行数"
                    value={report.rowsRejected}
                    groupSeparator=","
                    styles={{ content: { color: report.rowsRejected ? '#cf1322' : undefined } }}
                  />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic
                    title={`错误率（阈值 ${formatPercent(dataset.errorThreshold)}）`}
                    value={formatPercent(report.errorRate)}
                    styles={{ content: { color: over ? '#cf1322' : undefined } }}
                  />
                </Col>
              </Row>
              <Typography.Text type="secondary">
                共发现错误 {formatCount(report.errors)} 处、警告 {formatCount(report.warnings)}{' '}
                处；有错误的行拒收，警告不影响接收（
                <ArticleRef article="Art. 19" />
                ）。
                {load.status === 'committed' &&
                  ` 记录新增 ${formatCount(load.rowsAdded)}、变更 ${formatCount(load.rowsChanged)}、未变 ${formatCount(load.rowsUnchanged)}、关闭 ${formatCount(load.rowsClosed)} 条。`}
              </Typography.Text>
              {(report.identification ?? []).length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title="智能识别提示：文件内容与目录声明不一致"
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {(report.identification ?? []).flatMap((f) =>
                        f.messages.map((m) => <li key={`${f.column}:${m}`}>{m}</li>),
                      )}
                    </ul>
                  }
                />
              )}
              {report.findings.length === 0 ? (
                <Alert type="success" showIcon title="全部数据行通过质量检查，未发现问题。" />
              ) : (
                <>
                  <div>
                    <Typography.Text strong>各数据项问题数</Typography.Text>
                    <FindingsChart findings={report.findings} />
                  </div>
                  <div>
                    <Space size={8} style={{ marginBottom: 8 }}>
                      <Typography.Text strong>问题明细</Typography.Text>
                      <Tag>样例中的个人信息已脱敏</Tag>
                    </Space>
                    <FindingsTable findings={report.findings} />
                  </div>
                </>
              )}
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}
