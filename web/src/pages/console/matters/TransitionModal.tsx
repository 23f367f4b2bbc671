import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, type FieldError, type Problem, toProblem } from '../../../api.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import type { Id, Matter, MatterAction } from '../../../matterTypes.ts';

const FIELDS = ['reason', 'legalBasis'] as const;
const MIN_REASON = 5;

interface Values {
  reason?: string;
  legalBasis?: string;
}

interface Props {
  matterId: Id;
  matterTitle: string;
  /** Mount with a fresh `key` for each opening so the form starts empty. */
  action: MatterAction;
  onClose: () => void;
  onDone: (matter: Matter, action: MatterAction) => void;
}

/** Confirms a transition; asks for the reason / legal basis the action requires, checked as you type. */
export function TransitionModal({ matterId, matterTitle, action, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [rest, setRest] = useState<FieldError[] | undefined>(undefined);

  const asks = action.requiresReason || action.requiresLegalBasis;
  const danger = action.tone === 'danger';

  const submit = async () => {
    const values: Values = asks ? await form.validateFields() : {};
    setSubmitting(true);
    setProblem(null);
    try {
      const body: Values = {};
      if (values.reason?.trim()) body.reason = values.reason.trim();
      if (values.legalBasis?.trim()) body.legalBasis = values.legalBasis.trim();
      const matter = await api.post<Matter>(
        `/api/v1/matters/${encodeURIComponent(String(matterId))}/transitions/${encodeURIComponent(action.name)}`,
        body,
      );
      onDone(matter, action);
    } catch (err) {
      const p = toProblem(err);
      setProblem(p);
      setRest(applyFieldErrors(form, p, FIELDS));
      if (p.type.endsWith('reason-required')) form.setFields([{ name: 'reason', errors: [p.title] }]);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={action.label}
      okText={`确认${action.label}`}
      cancelText="取消"
      okButtonProps={{ danger, loading: submitting }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !asks }}
    >
      <Typography.Paragraph>
        事项：<Typography.Text strong>{matterTitle}</Typography.Text>
      </Typography.Paragraph>
      <ProblemAlert problem={problem} errors={rest} />
      {!asks && (
        <Typography.Paragraph type="secondary">
          确定要“{action.label}”吗？此操作将记入办理过程并通知相关单位。
        </Typography.Paragraph>
      )}
      {asks && (
        <Form form={form} layout="vertical" requiredMark>
          {action.requiresReason && (
            <Form.Item
              name="reason"
              label="理由"
              extra="理由将记入办理过程，并告知对方单位。"
              rules={[
                { required: true, whitespace: true, message: `请填写${action.label}的理由` },
                { min: MIN_REASON, message: `理由至少 ${MIN_REASON} 个字，请写明具体原因` },
                { max: 1000, message: '理由不超过 1000 字' },
              ]}
            >
              <Input.TextArea rows={4} showCount maxLength={1000} placeholder="请写明具体原因" />
            </Form.Item>
          )}
          {action.requiresLegalBasis && (
            <Form.Item
              name="legalBasis"
              label="法律依据"
              rules={[
                { required: true, whitespace: true, message: '请填写法律、法规或《办法》的具体条款' },
                { max: 500, message: '法律依据不超过 500 字' },
              ]}
            >
              <Input.TextArea rows={2} showCount maxLength={500} placeholder="例如：《办法》第十五条第二款" />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
