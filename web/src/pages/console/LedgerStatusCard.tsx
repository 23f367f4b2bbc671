import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Problem } from '../../api.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import type { LedgerStatus } from '../../types.ts';

interface Props {
  status: LedgerStatus | undefined;
  loading: boolean;
  error: Problem | null;
}

export function LedgerStatusCard({ status, loading, error }: Props) {
  const checkpoint = status?.lastCheckpoint;
  return (
    <Card
      loading={loading && !status}
      style={{ marginBottom: 16 }}
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: '#389e0d' }} /> 留痕账本状态
        </span>
      }
    >
      <ProblemAlert problem={error} />
      {status && (
        <Row gutter={[24, 16]}>
          <Col xs={12} md={5}>
            <Statistic title="事件总数" value={status.events} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic title="最新序号" value={status.headSeq ?? '—'} groupSeparator="" />
          </Col>
          <Col xs={24} md={8}>
            <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>链头哈希</div>
            {status.headHash ? (
              <Typography.Text
                className="mono"
                copyable={{ text: status.headHash }}
                style={{ wordBreak: 'break-all' }}
              >
                {status.headHash}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">账本为空</Typography.Text>
            )}
          </Col>
          <Col xs={24} md={6}>
            <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>最近检查点</div>
            {checkpoint ? (
              <div>
                <div style={{ fontSize: 16 }}>第 {checkpoint.seq} 号事件</div>
                <Typography.Text type="secondary">{formatDateTime(checkpoint.time)}</Typography.Text>
              </div>
            ) : (
              <Typography.Text type="secondary">尚未生成检查点</Typography.Text>
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
