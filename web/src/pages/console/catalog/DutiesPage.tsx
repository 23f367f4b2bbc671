import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type Problem, request, toProblem } from '../../../api.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';
import { DutiesCompleteness } from './DutiesCompleteness.tsx';
import { DutiesEditModal } from './DutiesEditModal.tsx';
import { DutiesLinkModal } from './DutiesLinkModal.tsx';
import { DutiesTable } from './DutiesTable.tsx';
import { type CompletenessRow, coverage, type Duty } from './dutiesTypes.ts';

/**
 * 职责目录 (Art. 12 全量编目): a department records its 三定 duties and links each to the entries that
 * serve it; an authority sees which agencies in its region still have duties without an entry.
 */
export default function DutiesPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const isAuthority = user?.agency?.kind === 'authority';
  const completeness = useApi<{ items: CompletenessRow[] }>(
    isAuthority ? '/api/v1/catalog/completeness' : null,
  );
  const rows = completeness.data?.items ?? [];

  // A department always works on its own duties; an authority picks an agency of its region.
  const picked = Number(params.get('agencyId')) || undefined;
  const agencyId = isAuthority ? picked : user?.agency ? Number(user.agency.id) : undefined;
  const agencyName = isAuthority
    ? (rows.find((r) => r.agency.id === agencyId)?.agency.name ?? (agencyId ? `部门 ${agencyId}` : ''))
    : (user?.agency?.name ?? '');
  const pick = (id: number | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('agencyId', String(id));
    else next.delete('agencyId');
    setParams(next, { replace: true });
  };

  const dutiesApi = useApi<{ items: Duty[] }>(agencyId ? '/api/v1/catalog/duties' : null, { agencyId });
  const duties = useMemo(
    () => [...(dutiesApi.data?.items ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id),
    [dutiesApi.data],
  );
  const uncovered = duties.filter((d) => !d.covered).length;
  const pct = coverage(duties.length, uncovered);

  const [editing, setEditing] = useState<Duty | 'new' | null>(null);
  const [linking, setLinking] = useState<Duty | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const changed = () => {
    setEditing(null);
    setLinking(null);
    dutiesApi.reload();
    if (isAuthority) completeness.reload();
  };
  const remove = async (duty: Duty) => {
    setProblem(null);
    try {
      await request(`/api/v1/catalog/duties/${duty.id}`, { method: 'DELETE' });
      message.success('职责已删除');
      changed();
    } catch (err) {
      setProblem(toProblem(err));
    }
  };

  const agencySelect = (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择所辖部门"
      aria-label="选择部门"
      style={{ width: 300, fontWeight: 'normal' }}
      loading={completeness.loading}
      options={rows.map((r) => ({ value: r.agency.id, label: r.agency.name }))}
      value={agencyId}
      onChange={pick}
      notFoundContent="所辖区域暂无部门"
    />
  );
  const withGaps = rows.filter((r) => r.dutiesWithoutEntry > 0).length;
  const unrecorded = rows.filter((r) => r.duties === 0).length;

  return (
    <>
      {isAuthority && (
        <Card
          title="职责覆盖情况"
          style={{ marginBottom: 16 }}
          extra={
            completeness.data && (
              <Typography.Text type="secondary">
                所辖 {rows.length} 个部门中，{withGaps} 个有职责尚未编目，{unrecorded} 个未登记职责
              </Typography.Text>
            )
          }
        >
          <ProblemAlert problem={completeness.error} />
          <DutiesCompleteness rows={rows} loading={completeness.loading} selected={agencyId} onPick={pick} />
        </Card>
      )}
      <Card
        title={
          <Space size={12}>
            <span>职责清单</span>
            {isAuthority ? agencySelect : <Typography.Text type="secondary">{agencyName}</Typography.Text>}
          </Space>
        }
        extra={
          agencyId && (
            <Space>
              <Button icon={<ReloadOutlined />} onClick={dutiesApi.reload}>
                刷新
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增职责
              </Button>
            </Space>
          )
        }
      >
        {!agencyId ? (
          <Empty
            description={
              isAuthority
                ? '在上表中点击部门或在此选择部门，查看和维护其职责清单。'
                : '当前账号未关联机构，无法维护职责目录。'
            }
          />
        ) : (
          <>
            {duties.length > 0 && (
              <Space size={40} wrap style={{ marginBottom: 16 }}>
                <Statistic title="职责" value={duties.length} suffix="项" />
                <Statistic title="已对应目录" value={duties.length - uncovered} suffix="项" />
                <Statistic
                  title="尚未编目"
                  value={uncovered}
                  suffix="项"
                  styles={{ content: { color: uncovered ? '#cf1322' : undefined } }}
                />
                <Statistic
                  title="职责覆盖率"
                  value={pct ?? 0}
                  suffix="%"
                  styles={{ content: { color: pct === 100 ? '#389e0d' : undefined } }}
                />
              </Space>
            )}
            {uncovered > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={`有 ${uncovered} 项职责尚无对应目录`}
                description="请为这些职责编制目录，或将已有目录关联到职责。部门应依据“三定”职责全量编制政务数据目录（《办法》第十二条）。"
              />
            )}
            <ProblemAlert
              problem={problem ?? dutiesApi.error}
              onClose={problem ? () => setProblem(null) : undefined}
            />
            <DutiesTable
              duties={duties}
              loading={dutiesApi.loading}
              onEdit={setEditing}
              onLink={setLinking}
              onDelete={remove}
              empty="尚未登记职责。请按“三定”规定逐项录入职责，再关联对应的目录。"
            />
          </>
        )}
      </Card>
      {agencyId && (
        <>
          <DutiesEditModal
            open={editing !== null}
            agencyId={agencyId}
            agencyName={agencyName}
            duty={editing === 'new' ? null : editing}
            nextSortOrder={(duties.at(-1)?.sortOrder ?? 0) + 10}
            onClose={() => setEditing(null)}
            onSaved={changed}
          />
          <DutiesLinkModal
            duty={linking}
            agencyId={agencyId}
            onClose={() => setLinking(null)}
            onSaved={changed}
          />
        </>
      )}
    </>
  );
}
