import { DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type FieldError, type Problem, toProblem } from '../../../api.ts';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { applyFieldErrors } from '../../../lib/formErrors.ts';

/** The id of the matter a lifecycle request opened, whatever the answer calls it. */
export function matterIdOf(answer: unknown): number | null {
  if (typeof answer === 'number') return answer;
  if (answer && typeof answer === 'object') {
    const o = answer as Record<string, unknown>;
    for (const k of ['matterId', 'id']) if (typeof o[k] === 'number') return o[k] as number;
    if (o.matter && typeof o.matter === 'object') return matterIdOf(o.matter);
  }
  return null;
}

interface ModalProps {
  entryId: number;
  entryName: string;
  onClose: () => void;
  onDone: (matterId: number | null) => void;
}

function useSubmit<T>(form: ReturnType<typeof Form.useForm<T>>[0], fields: string[]) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [rest, setRest] = useState<FieldError[] | undefined>(undefined);
  const run = async (send: (values: T) => Promise<unknown>, done: (answer: unknown) => void) => {
    const values = await form.validateFields();
    setBusy(true);
    setProblem(null);
    try {
      done(await send(values));
    } catch (err) {
      const p = toProblem(err);
      setProblem(p);
      setRest(applyFieldErrors(form, p, fields));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, rest, run };
}

interface ChangeValues {
  kind: 'law' | 'duty';
  description: string;
  changedOn: Dayjs;
}

/** 登记法规/职责变化 (Art. 15): the entry must be updated within 3 working days of the change. */
export function ChangeModal({
  entryId,
  entryName,
  onClose,
  onDone,
  notice,
}: ModalProps & { notice?: boolean }) {
  const [form] = Form.useForm<ChangeValues>();
  const { busy, problem, rest, run } = useSubmit(form, ['kind', 'description', 'changedOn']);
  const ok = () =>
    void run(
      (v) =>
        api.post(`/api/v1/catalog/entries/${entryId}/${notice ? 'change-notices' : 'changes'}`, {
          kind: v.kind,
          description: v.description.trim(),
          changedOn: v.changedOn.format('YYYY-MM-DD'),
        }),
      (answer) => onDone(matterIdOf(answer)),
    ).catch(() => {});
  return (
    <Modal
      open
      title="登记法规或职责变化"
      okText="登记"
      cancelText="取消"
      onOk={ok}
      onCancel={onClose}
      confirmLoading={busy}
    >
      <Typography.Paragraph type="secondary">
        目录“{entryName}”所依据的法律法规或本部门职责发生变化的，应当在 3
        个工作日内更新目录；确需延长的，可提出延期申请（
        <ArticleRef article="Art. 15" />
        ）。更新期限自变化之日起算。
      </Typography.Paragraph>
      <ProblemAlert problem={problem} errors={rest} />
      <Form form={form} layout="vertical" initialValues={{ kind: 'law' }}>
        <Form.Item name="kind" label="变化类型" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'law', label: '法律法规变化' },
              { value: 'duty', label: '部门职责变化' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="changedOn"
          label="变化日期"
          rules={[{ required: true, message: '请选择变化发生的日期' }]}
          extra="法规施行或职责调整之日，不得晚于今天"
        >
          <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="description"
          label="变化情况"
          rules={[
            { required: true, whitespace: true, message: '请说明变化情况' },
            { max: 1000, message: '不超过 1000 字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如 《××条例》修订，新增……数据项" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 申请撤销 (Art. 16): reviewed by the authority; in-use data keeps being provided 6 months. */
export function RevocationModal({ entryId, entryName, onClose, onDone }: ModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, problem, rest, run } = useSubmit(form, ['reason']);
  const ok = () =>
    void run(
      (v) => api.post(`/api/v1/catalog/entries/${entryId}/revocation`, { reason: v.reason.trim() }),
      (answer) => onDone(matterIdOf(answer)),
    ).catch(() => {});
  return (
    <Modal
      open
      title="申请撤销目录"
      okText="提交撤销申请"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={ok}
      onCancel={onClose}
      confirmLoading={busy}
    >
      <Typography.Paragraph type="secondary">
        目录“{entryName}
        ”无法继续更新的，可申请撤销，经政务数据主管部门审核后撤销；已有部门使用的，应在审核通过后继续提供 6
        个月（
        <ArticleRef article="Art. 16" />
        ）。
      </Typography.Paragraph>
      <ProblemAlert problem={problem} errors={rest} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="撤销理由"
          rules={[
            { required: true, whitespace: true, message: '请写明撤销理由' },
            { min: 5, message: '撤销理由至少 5 个字，请写具体' },
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder="如 相关职责已划转至……，本部门不再采集该数据"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
