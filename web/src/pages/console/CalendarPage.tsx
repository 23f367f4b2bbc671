import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { toCalendarCsv } from '../../lib/calendarCsv.ts';
import { hasPermission, useSession } from '../../lib/session.ts';
import { useApi } from '../../lib/useApi.ts';
import type { CalendarYear, CalendarYearSummary, ListResponse } from '../../types.ts';
import { CalendarImportModal } from './CalendarImportModal.tsx';
import { CalendarYearGrid } from './CalendarYearGrid.tsx';
import { CalendarYearList } from './CalendarYearList.tsx';
import { WorkingDaysTool } from './WorkingDaysTool.tsx';

type ModalState = { open: false } | { open: true; replace: boolean };

export default function CalendarPage() {
  const { user } = useSession();
  const canManage = hasPermission(user, 'calendar.manage');
  const [params, setParams] = useSearchParams();
  const [modal, setModal] = useState<ModalState>({ open: false });
  const years = useApi<ListResponse<CalendarYearSummary>>('/api/v1/calendar/years');
  const items = useMemo(() => [...(years.data?.items ?? [])].sort((a, b) => b.year - a.year), [years.data]);

  const requested = Number(params.get('year'));
  const thisYear = new Date().getFullYear();
  const selected =
    items.find((y) => y.year === requested)?.year ??
    items.find((y) => y.year === thisYear)?.year ??
    items[0]?.year ??
    null;
  const detail = useApi<CalendarYear>(selected === null ? null : `/api/v1/calendar/years/${selected}`);
  const current = detail.data?.year === selected ? detail.data : undefined;

  const select = (year: number) => setParams({ year: String(year) }, { replace: true });
  const initial = useMemo(
    () =>
      modal.open && modal.replace && current
        ? { year: current.year, source: current.source, csv: toCalendarCsv(current.days) }
        : null,
    [modal, current],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={7} xxl={6}>
        <Card
          title="年度日历"
          styles={{ body: { padding: items.length ? 0 : undefined } }}
          extra={
            canManage && (
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setModal({ open: true, replace: false })}
              >
                导入年度
              </Button>
            )
          }
          loading={years.loading && !years.data}
        >
          <ProblemAlert problem={years.error} style={{ margin: 12 }} />
          {items.length === 0 && !years.error ? (
            <Empty
              description={
                canManage
                  ? '尚未导入任何年度的节假日安排。请依据国务院办公厅发布的通知，点击“导入年度”录入。'
                  : '尚未导入任何年度的节假日安排，请联系具有日历管理权限的人员录入。'
              }
            />
          ) : (
            <CalendarYearList items={items} selected={selected} onSelect={select} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={17} xxl={18}>
        <Card
          style={{ marginBottom: 16 }}
          title={selected ? `${selected} 年工作日历` : '工作日历'}
          extra={
            canManage &&
            current && (
              <Button icon={<EditOutlined />} onClick={() => setModal({ open: true, replace: true })}>
                修改 / 替换
              </Button>
            )
          }
        >
          <ProblemAlert problem={detail.error} />
          {selected === null ? (
            <Empty description="请先在左侧选择或导入一个年度。" />
          ) : !current ? (
            !detail.error && <Skeleton active paragraph={{ rows: 8 }} />
          ) : (
            <>
              <Typography.Paragraph type="secondary">来源：{current.source}</Typography.Paragraph>
              <CalendarYearGrid year={current.year} days={current.days} />
            </>
          )}
        </Card>
        <WorkingDaysTool />
      </Col>
      <CalendarImportModal
        open={modal.open}
        initial={initial}
        existingYears={items.map((y) => y.year)}
        onClose={() => setModal({ open: false })}
        onSaved={(year) => {
          setModal({ open: false });
          years.reload();
          detail.reload();
          select(year);
        }}
      />
    </Row>
  );
}
