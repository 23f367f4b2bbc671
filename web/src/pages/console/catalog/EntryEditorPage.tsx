import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, type FieldError, type Problem, toProblem } from '../../../api.ts';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import {
  type EntryView,
  type EntryWithNotices,
  entryPath,
  type Notice,
  useCatalogStandard,
} from '../../../lib/catalog.ts';
import { useSession } from '../../../lib/session.ts';
import { BasicSection, GradeSummary, OpenSection, ShareSection } from './EntryEditorSections.tsx';
import type { Overlap } from './EntryOverlaps.tsx';
import { EntryRelatedSelect } from './EntryRelatedSelect.tsx';
import { EntryReviewNotice } from './EntryReviewNotice.tsx';
import { EntrySubmitOverlaps } from './EntrySubmitOverlaps.tsx';
import { EntryStatusTag } from './EntryTags.tsx';
import { type EntryFormValues, placeErrors, toFormValues, toInput } from './entryForm.ts';
import { ItemsEditor } from './ItemsEditor.tsx';

const EDITABLE = ['draft', 'returned'];

/** What the server did by rule on saving (e.g. Art. 21, Art. 33, automatic element binding). */
function Notices({ notices }: { notices: Notice[] }) {
  if (!notices.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title="已保存。系统按规则作了如下处理，请核对："
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {notices.map((n) => (
            <li key={n.message}>
              {n.message}
              {n.article && (
                <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                  （<ArticleRef article={n.article} />）
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** 编制目录 / 修改目录: a draft or a returned version, saved as a draft and then submitted (Art. 12, 13). */
export default function EntryEditorPage() {
  const { id } = useParams();
  const entryId = id ? Number(id) : null;
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const { standard, error: standardError } = useCatalogStandard();
  const { user } = useSession();
  const [form] = Form.useForm<EntryFormValues>();
  const [entry, setEntry] = useState<EntryView | null>(null);
  const [loadError, setLoadError] = useState<Problem | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [rest, setRest] = useState<FieldError[] | undefined>(undefined);
  const [notices, setNotices] = useState<Notice[]>(
    (location.state as { notices?: Notice[] } | null)?.notices ?? [],
  );
  const [dirty, setDirty] = useState(false);
  /** The last saved content, as sent (to tell whether the form holds unsaved changes). */
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [overlaps, setOverlaps] = useState<Overlap[] | null>(null);

  const [initial, setInitial] = useState<EntryFormValues | null>(
    entryId === null ? { items: [], relatedEntryIds: [] } : null,
  );

  useEffect(() => {
    if (entryId === null || entry?.id === entryId) return;
    let live = true;
    api
      .get<EntryView>(`/api/v1/catalog/entries/${entryId}`)
      .then((e) => {
        if (!live) return;
        setEntry(e);
        setInitial(toFormValues(e));
        setSaved(JSON.stringify(toInput(toFormValues(e))));
      })
      .catch((err: unknown) => live && setLoadError(toProblem(err)));
    return () => {
      live = false;
    };
  }, [entryId, entry?.id]);

  // Closing or reloading the tab with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const showProblem = (p: Problem) => {
    const placed = placeErrors(p, (form.getFieldValue('items') ?? []).length);
    form.setFields(placed.fields as Parameters<typeof form.setFields>[0]);
    setRest(placed.rest);
    setProblem(p);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  /** Saves the draft; a new entry gets its code and moves to its edit address. */
  const save = async (): Promise<EntryView | null> => {
    setProblem(null);
    setRest(undefined);
    let values: EntryFormValues;
    try {
      values = await form.validateFields();
    } catch {
      message.error('请先更正标出的内容');
      return null;
    }
    setBusy('save');
    try {
      const input = toInput(values);
      const answer = entry
        ? await api.put<EntryWithNotices>(`/api/v1/catalog/entries/${entry.id}`, input)
        : await api.post<EntryWithNotices>('/api/v1/catalog/entries', input);
      const { notices: said, ...view } = answer;
      setEntry(view);
      setNotices(said);
      form.setFieldsValue(toFormValues(view));
      setSaved(JSON.stringify(toInput(toFormValues(view))));
      setDirty(false);
      message.success(entry ? '已保存修改' : `已保存草稿，资源代码 ${view.code}`);
      if (!entry) navigate(`${entryPath(view.id)}/edit`, { replace: true, state: { notices: said } });
      return view;
    } catch (err) {
      showProblem(toProblem(err));
      return null;
    } finally {
      setBusy(null);
    }
  };

  /** Saves pending changes, then submits for review; Art. 17 overlaps ask for a justification. */
  const submit = async (justification?: string) => {
    // Anything not saved yet (whatever way it was changed) is saved first.
    const pending = JSON.stringify(toInput(form.getFieldsValue(true))) !== saved;
    const current = dirty || pending || !entry ? await save() : entry;
    if (!current) return;
    setBusy('submit');
    setProblem(null);
    try {
      await api.post<EntryView>(
        `/api/v1/catalog/entries/${current.id}/submit`,
        justification ? { justification } : undefined,
      );
      message.success(
        current.versionStatus === 'returned' ? '已修改并重新提交审核' : '已提交审核，请等待主管部门审核',
      );
      navigate(entryPath(current.id));
    } catch (err) {
      const p = toProblem(err) as Problem & { overlaps?: Overlap[] };
      if (p.article === 'Art. 17' && p.status === 422) {
        setOverlaps(p.overlaps ?? []);
        setProblem(p);
        window.scrollTo({ top: 0, behavior: 'smooth' });
      } else showProblem(p);
    } finally {
      setBusy(null);
    }
  };

  if (loadError || standardError) {
    const p = (loadError ?? standardError) as Problem;
    return (
      <Result
        status={p.status === 404 ? '404' : 'error'}
        title={p.status === 404 ? '目录不存在或您无权修改' : p.title}
        subTitle={p.detail}
        extra={
          <Link to="/console/catalog">
            <Button type="primary">返回政务数据目录</Button>
          </Link>
        }
      />
    );
  }
  if (!standard || !initial || (entryId !== null && entry?.id !== entryId)) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin description="正在加载目录标准…" />
      </div>
    );
  }
  if (entry && (!user?.agency || String(user.agency.id) !== String(entry.providerAgency.id))) {
    return (
      <Result
        status="403"
        title="只能修改本部门编制的目录"
        subTitle={`该目录由${entry.providerAgency.name}编制。`}
        extra={
          <Link to={entryPath(entry.id)}>
            <Button type="primary">查看目录详情</Button>
          </Link>
        }
      />
    );
  }
  if (entry && !EDITABLE.includes(entry.versionStatus)) {
    return (
      <Result
        status="info"
        title="该目录当前不可修改"
        subTitle="只有草稿或被退回修改的版本可以修改；已发布的目录请在目录详情中“变更（新建版本）”。"
        extra={
          <Link to={entryPath(entry.id)}>
            <Button type="primary">查看目录详情</Button>
          </Link>
        }
      />
    );
  }

  const actions = (
    <Space wrap>
      <Button
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate(entry ? entryPath(entry.id) : '/console/catalog')}
      >
        返回
      </Button>
      <Button
        icon={<SaveOutlined />}
        loading={busy === 'save'}
        disabled={busy !== null}
        onClick={() => void save()}
      >
        保存草稿
      </Button>
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={busy === 'submit'}
        disabled={!entry || busy !== null}
        title={entry ? undefined : '请先保存草稿'}
        onClick={() => void submit()}
      >
        {entry?.versionStatus === 'returned' ? '修改后重新提交' : '提交审核'}
      </Button>
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <div>
            <Space size={8} style={{ marginBottom: 6 }} wrap>
              <Tag color="blue">{entry ? '修改目录' : '编制目录'}</Tag>
              {entry && <EntryStatusTag status={entry.versionStatus} />}
              {entry && <Tag>第{entry.version}版</Tag>}
              {dirty && <Tag color="orange">有未保存的修改</Tag>}
            </Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {entry ? entry.name : '新建政务数据目录'}
            </Typography.Title>
            <Typography.Text type="secondary">
              {entry ? (
                <>
                  资源代码 <span className="mono">{entry.code}</span> · {entry.providerAgency.name}
                </>
              ) : (
                '保存草稿后系统生成资源代码（分类码-机构代码-顺序码），再提交同级政务数据主管部门审核（第十二条）'
              )}
            </Typography.Text>
          </div>
          <div style={{ alignSelf: 'flex-start' }}>{actions}</div>
        </div>
      </Card>
      {entry && (
        <EntryReviewNotice
          key={`${entry.version}:${entry.versionStatus}`}
          reviewMatterId={entry.reviewMatterId}
          versionStatus={entry.versionStatus}
        />
      )}
      {overlaps ? (
        <EntrySubmitOverlaps
          problem={problem}
          overlaps={overlaps}
          busy={busy === 'submit'}
          onSubmit={(text) => void submit(text)}
          onCancel={() => {
            setOverlaps(null);
            setProblem(null);
          }}
        />
      ) : (
        <ProblemAlert
          problem={problem}
          errors={rest}
          style={{ marginBottom: 0 }}
          onClose={() => setProblem(null)}
        />
      )}
      <Notices notices={notices} />
      <Form<EntryFormValues>
        form={form}
        initialValues={initial}
        layout="vertical"
        requiredMark
        onValuesChange={() => setDirty(true)}
        scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
      >
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title="基本信息" size="small">
            <BasicSection
              standard={standard}
              classLocked={Boolean(entry && (entry.version > 1 || entry.reviewMatterId !== null))}
            />
          </Card>
          <Card title="数据项" size="small" extra={<GradeSummary form={form} standard={standard} />}>
            <ItemsEditor form={form} standard={standard} onEdit={() => setDirty(true)} />
          </Card>
          <Card title={<span>共享属性</span>} size="small" extra={<ArticleRef article="Art. 21" />}>
            <ShareSection form={form} />
          </Card>
          <Card title="开放属性" size="small" extra={<ArticleRef article="Art. 33" />}>
            <OpenSection form={form} standard={standard} />
          </Card>
          <Card title="关联目录" size="small">
            <Form.Item
              name="relatedEntryIds"
              style={{ marginBottom: 0 }}
              extra="与本目录内容相关的其他目录，便于使用部门查找"
            >
              <EntryRelatedSelect selfId={entry?.id} />
            </Form.Item>
          </Card>
          <Card size="small">
            <div style={{ display: 'flex', justifyContent: 'flex-end' }}>{actions}</div>
          </Card>
        </Space>
      </Form>
    </Space>
  );
}
