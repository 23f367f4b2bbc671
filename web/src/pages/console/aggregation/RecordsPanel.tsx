import { HistoryOutlined, KeyOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type Dataset, datasetApi, type RecordsPage, seesClear } from '../../../lib/aggregation.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';

type Row = Record<string, string | null>;
type EnumValue = { code: string; label?: string };
const BEIJING = 'Asia/Shanghai';

/**
 * 数据浏览 (Art. 18/41): the records as they are now or were at any past instant, by key order, a page
 * at a time. Personal data masked; clear only for the provider's data officer (Art. 33). Every read is
 * ledgered by the server.
 */
export function RecordsPanel({ dataset }: { dataset: Dataset }) {
  const { user } = useSession();
  const mayClear = seesClear(user, dataset);
  // The picked wall-clock time is read as Beijing time, as every instant on the console is shown.
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const [limit, setLimit] = useState(50);
  const [clear, setClear] = useState(false);
  // Cursors of the pages seen (undefined: the first); the instant is pinned by the first page's answer.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [pinned, setPinned] = useState<string | undefined>();
  const asOf = picked ? dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), BEIJING).toISOString() : pinned;
  const after = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useApi<RecordsPage>(`${datasetApi(dataset.id)}/records`, {
    limit,
    after,
    asOf,
    clear: clear ? 'true' : undefined,
  });

  const restart = () => {
    setCursors([undefined]);
    setPinned(undefined);
  };

  const columns: TableColumnsType<Row> = dataset.columns.map((c) => {
    // A coded value is shown with its label from the element's code table (1 → 1 男性).
    const codes = new Map(
      (c.rules.find((r) => r.kind === 'enumeration')?.params?.values as EnumValue[] | undefined)?.map((v) => [
        v.code,
        v.label,
      ]) ?? [],
    );
    return {
      title: (
        <Space size={4}>
          {c.itemName}
          {dataset.keyItems.includes(c.itemCode) && (
            <KeyOutlined style={{ color: '#d48806' }} aria-label="主键" />
          )}
          {c.protected && (
            <Tooltip title="加密存储">
              <LockOutlined style={{ color: '#2f54eb' }} aria-label="加密存储" />
            </Tooltip>
          )}
        </Space>
      ),
      dataIndex: c.itemCode,
      key: c.itemCode,
      width: Math.min(260, Math.max(110, c.itemName.length * 16 + 40)),
      ellipsis: true,
      render: (v: string | null) =>
        v === null || v === '' ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : codes.get(v) ? (
          <span>
            {v} <Typography.Text type="secondary">{codes.get(v)}</Typography.Text>
          </span>
        ) : (
          v
        ),
    };
  });

  const page = cursors.length;
  const items = error ? [] : (data?.items ?? []);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
        <Space wrap>
          <Space size={6}>
            <HistoryOutlined />
            <span>回溯到</span>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY年M月D日 HH:mm"
              placeholder="当前（最新）"
              aria-label="回溯到"
              style={{ width: 210 }}
              value={picked}
              onChange={(v) => {
                setPicked(v);
                restart();
              }}
            />
          </Space>
          <Select
            aria-label="每页条数"
            style={{ width: 110 }}
            value={limit}
            onChange={(v) => {
              setLimit(v);
              restart();
            }}
            options={[20, 50, 100, 200].map((n) => ({ value: n, label: `每页 ${n} 条` }))}
          />
          {mayClear &&
            (clear ? (
              <Space size={6}>
                <Switch checked size="small" aria-label="显示原值" onChange={() => setClear(false)} />
                <span>显示原值</span>
              </Space>
            ) : (
              <Popconfirm
                title="显示个人信息原值？"
                description={
                  <div style={{ maxWidth: 300 }}>
                    仅限本部门核查使用；每次查阅均记入审计留痕（《办法》第三十三条）。
                  </div>
                }
                okText="显示原值"
                cancelText="取消"
                onConfirm={() => setClear(true)}
              >
                <Space size={6} style={{ cursor: 'pointer' }}>
                  <Switch checked={false} size="small" aria-label="显示原值" />
                  <span>显示原值</span>
                </Space>
              </Popconfirm>
            ))}
        </Space>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            if (page === 1 && !pinned) reload();
            restart();
          }}
        >
          刷新
        </Button>
      </div>
      {data && (
        <Typography.Text type="secondary">
          数据时点：{formatDateTime(data.asOf, true)}（北京时间）——每个主键在该时点已提交的最新版本（
          <ArticleRef article="Art. 41" />
          ）。{clear ? '当前显示个人信息原值，本次查阅已留痕。' : '个人信息已脱敏显示。'}
        </Typography.Text>
      )}
      {clear && (
        <Alert
          type="warning"
          showIcon
          title="正在显示个人信息原值，请勿截屏、拍照或外传（《办法》第三十三条）。"
        />
      )}
      <ProblemAlert problem={error} />
      <Table<Row>
        size="small"
        rowKey={(_, i) => `${page}:${i}`}
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                asOf
                  ? '该时点数据集中没有记录（该时点前尚无已提交的批次）。'
                  : '数据集中还没有记录。在“汇聚批次”中上传数据文件，批次提交后记录将在此显示。'
              }
            />
          ),
        }}
      />
      <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 12 }}>
        <Typography.Text type="secondary">
          第 {page} 页{items.length ? `，本页 ${items.length} 条` : ''}
        </Typography.Text>
        <Button disabled={page === 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          上一页
        </Button>
        <Button
          disabled={!data?.next || loading}
          onClick={() => {
            if (!data?.next) return;
            if (!pinned && !picked) setPinned(data.asOf);
            setCursors((c) => [...c, data.next ?? undefined]);
          }}
        >
          下一页
        </Button>
      </div>
    </Space>
  );
}
