import {
  BranchesOutlined,
  DeleteOutlined,
  EditOutlined,
  ExceptionOutlined,
  FileSearchOutlined,
  SendOutlined,
  StarFilled,
  StarOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { App, Button, Modal, Popconfirm, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, type Problem, request, toProblem } from '../../../api.ts';
import { type EntryView, entryPath } from '../../../lib/catalog.ts';
import { hasPermission, useSession } from '../../../lib/session.ts';
import { ChangeModal, RevocationModal } from './EntryLifecycleModals.tsx';
import type { Overlap } from './EntryOverlaps.tsx';
import { EntrySubmitOverlaps } from './EntrySubmitOverlaps.tsx';

const SUBSCRIPTIONS = 'POST /api/v1/catalog/entries/{id}/subscriptions';
const CHANGES = 'POST /api/v1/catalog/entries/{id}/changes';
const CHANGE_NOTICES = 'POST /api/v1/catalog/entries/{id}/change-notices';
const REVOCATION = 'POST /api/v1/catalog/entries/{id}/revocation';
const MY_SUBSCRIPTIONS = 'GET /api/v1/catalog/subscriptions';

interface Props {
  entry: EntryView;
  /** Whether the server offers an optional route (lifecycle parts are hidden until it does). */
  has: (route: string) => boolean;
  /** The caller's agency reviews this entry (the same-level authority, Art. 12). */
  reviewer: boolean;
  onChanged: () => void;
  onProblem: (p: Problem | null) => void;
}

/** Whether the caller's agency follows this entry (null: unknown or not offered). */
function useSubscribed(entryId: number, enabled: boolean): [boolean | null, (v: boolean) => void] {
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api
      .get<{ items: { entryId: number }[] }>('/api/v1/catalog/subscriptions')
      .then((r) => live && setSubscribed(r.items.some((s) => s.entryId === entryId)))
      .catch(() => live && setSubscribed(null));
    return () => {
      live = false;
    };
  }, [entryId, enabled]);
  return [subscribed, setSubscribed];
}

/** The actions on an entry the caller may take, by role, own agency and state. */
export function EntryActions({ entry: e, has, reviewer, onChanged, onProblem }: Props) {
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [modal, setModal] = useState<'change' | 'notice' | 'revoke' | null>(null);
  const [overlaps, setOverlaps] = useState<{ problem: Problem; list: Overlap[] } | null>(null);

  const own = user?.agency != null && String(user.agency.id) === String(e.providerAgency.id);
  const editor = own && hasPermission(user, 'catalog.edit');
  const published = e.status === 'published';
  const working = e.versionStatus === 'draft' || e.versionStatus === 'returned';
  const canSubscribe = !own && published && hasPermission(user, 'catalog.subscribe') && has(SUBSCRIPTIONS);
  const [subscribed, setSubscribed] = useSubscribed(e.id, canSubscribe && has(MY_SUBSCRIPTIONS));

  const act = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    onProblem(null);
    try {
      await fn();
    } catch (err) {
      const p = toProblem(err) as Problem & { overlaps?: Overlap[] };
      if (key === 'submit' && p.status === 422 && p.article === 'Art. 17')
        setOverlaps({ problem: p, list: p.overlaps ?? [] });
      else onProblem(p);
    } finally {
      setBusy(null);
    }
  };

  const submit = (justification?: string) =>
    act('submit', async () => {
      await api.post(`/api/v1/catalog/entries/${e.id}/submit`, justification ? { justification } : undefined);
      setOverlaps(null);
      message.success('已提交审核');
      onChanged();
    });

  const lifecycleDone = (what: string) => (matterId: number | null) => {
    setModal(null);
    message.success(`已${what}`);
    if (matterId) navigate(`/console/matters/${matterId}`);
    else onChanged();
  };

  return (
    <Space wrap>
      {editor && working && (
        <Link to={`${entryPath(e.id)}/edit`}>
          <Button type={e.versionStatus === 'returned' ? 'primary' : 'default'} icon={<EditOutlined />}>
            修改
          </Button>
        </Link>
      )}
      {editor && e.versionStatus === 'draft' && (
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={busy === 'submit'}
          onClick={() => void submit()}
        >
          提交审核
        </Button>
      )}
      {editor && e.status === 'draft' && e.version === 1 && e.reviewMatterId === null && (
        <Popconfirm
          title="删除这份草稿？"
          description="草稿删除后不可恢复；已提交审核的目录不能删除。"
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() =>
            act('delete', async () => {
              await request(`/api/v1/catalog/entries/${e.id}`, { method: 'DELETE' });
              message.success('草稿已删除');
              navigate('/console/catalog');
            })
          }
        >
          <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'}>
            删除草稿
          </Button>
        </Popconfirm>
      )}
      {editor && published && e.versionStatus === 'published' && (
        <Button
          icon={<BranchesOutlined />}
          loading={busy === 'version'}
          onClick={() =>
            act('version', async () => {
              await api.post(`/api/v1/catalog/entries/${e.id}/versions`);
              message.success('已新建版本，请修改后提交审核');
              navigate(`${entryPath(e.id)}/edit`);
            })
          }
        >
          变更（新建版本）
        </Button>
      )}
      {editor && published && has(CHANGES) && (
        <Button icon={<ExceptionOutlined />} onClick={() => setModal('change')}>
          登记法规/职责变化
        </Button>
      )}
      {reviewer && published && hasPermission(user, 'catalog.review') && has(CHANGE_NOTICES) && (
        <Button icon={<ExceptionOutlined />} onClick={() => setModal('notice')}>
          通知更新目录
        </Button>
      )}
      {editor && published && has(REVOCATION) && (
        <Button danger icon={<StopOutlined />} onClick={() => setModal('revoke')}>
          申请撤销
        </Button>
      )}
      {canSubscribe &&
        (subscribed ? (
          <Button
            icon={<StarFilled style={{ color: '#faad14' }} />}
            loading={busy === 'unsubscribe'}
            onClick={() =>
              act('unsubscribe', async () => {
                await request(`/api/v1/catalog/entries/${e.id}/subscriptions`, { method: 'DELETE' });
                setSubscribed(false);
                message.success('已取消订阅');
              })
            }
          >
            取消订阅
          </Button>
        ) : (
          <Button
            icon={<StarOutlined />}
            loading={busy === 'subscribe'}
            onClick={() =>
              act('subscribe', async () => {
                await api.post(`/api/v1/catalog/entries/${e.id}/subscriptions`);
                setSubscribed(true);
                message.success('已订阅：目录变更、撤销时将通知本部门');
              })
            }
          >
            订阅
          </Button>
        ))}
      {e.reviewMatterId !== null && (
        <Link to={`/console/matters/${e.reviewMatterId}`}>
          <Button icon={<FileSearchOutlined />}>审核事项</Button>
        </Link>
      )}
      {modal === 'change' && (
        <ChangeModal
          entryId={e.id}
          entryName={e.name}
          onClose={() => setModal(null)}
          onDone={lifecycleDone('登记变化，请在期限内更新目录')}
        />
      )}
      {modal === 'notice' && (
        <ChangeModal
          notice
          entryId={e.id}
          entryName={e.name}
          onClose={() => setModal(null)}
          onDone={lifecycleDone('通知提供部门更新目录')}
        />
      )}
      {modal === 'revoke' && (
        <RevocationModal
          entryId={e.id}
          entryName={e.name}
          onClose={() => setModal(null)}
          onDone={lifecycleDone('提交撤销申请')}
        />
      )}
      <Modal
        open={overlaps !== null}
        title="提交审核"
        footer={null}
        width={920}
        onCancel={() => setOverlaps(null)}
        destroyOnHidden
      >
        {overlaps && (
          <EntrySubmitOverlaps
            problem={overlaps.problem}
            overlaps={overlaps.list}
            busy={busy === 'submit'}
            onSubmit={(text) => void submit(text)}
            onCancel={() => setOverlaps(null)}
          />
        )}
      </Modal>
    </Space>
  );
}
