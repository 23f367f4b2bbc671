import { Form, type FormRule, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, type FieldError, type Problem, toProblem } from '../../../api.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import type { ActionInput, Id, Matter, MatterAction } from '../../../matterTypes.ts';

const FIELDS = ['reason', 'legalBasis'] as const;
const MIN_REASON = 5;

interface Values {
  reason?: string;
  legalBasis?: string;
  data?: Record<string, number | string | null | undefined>;
}

interface Body {
  reason?: string;
  legalBasis?: string;
  data?: Record<string, number | string>;
}

interface Props {
  matterId: Id;
  matterTitle: string;
  /** Mount with a fresh `key` for each opening so the form starts empty. */
  action: MatterAction;
  onClose: () => void;
  onDone: (matter: Matter, action: MatterAction) => void;
}

/** '1至60之间的整数', '不少于1的整数', … for an integer input's bounds. */
function bounds(i: ActionInput): string {
  if (i.min !== null && i.max !== null) return `${i.min}至${i.max}之间的整数`;
  if (i.min !== null) return `不小于${i.min}的整数`;
  if (i.max !== null) return `不大于${i.max}的整数`;
  return '整数';
}

function inputRules(i: ActionInput): FormRule[] {
  const rules: FormRule[] = [];
  // The type matters: a rule without one checks for a string, and would fail a number.
  if (i.required) {
    const type = i.kind === 'integer' ? 'number' : 'string';
    rules.push({ type, required: true, whitespace: i.kind === 'text', message: `请填写${i.label}` });
  }
  if (i.kind === 'integer') {
    rules.push({
      type: 'integer',
      min: i.min ?? undefined,
      max: i.max ?? undefined,
      message: `${i.label}须为${bounds(i)}`,
    });
  } else {
    if (i.min !== null) rules.push({ min: i.min, message: `${i.label}至少 ${i.min} 个字` });
    if (i.max !== null) rules.push({ max: i.max, message: `${i.label}不超过 ${i.max} 字` });
  }
  return rules;
}

/** One control per declared input: a number box within its bounds, or a text area. */
function InputItem({ input: i }: { input: ActionInput }) {
  return (
    <Form.Item
      name={['data', i.key]}
      label={i.label}
      required={i.required}
      extra={i.help ?? undefined}
      rules={inputRules(i)}
    >
      {i.kind === 'integer' ? (
        <InputNumber
          min={i.min ?? undefined}
          max={i.max ?? undefined}
          precision={0}
          style={{ width: 200 }}
          placeholder={i.min !== null && i.max !== null ? `${i.min}–${i.max}` : undefined}
        />
      ) : (
        <Input.TextArea rows={3} showCount={i.max !== null} maxLength={i.max ?? undefined} />
      )}
    </Form.Item>
  );
}

/** The request body: the reason / basis typed, and the declared inputs filled in, as `data`. */
function bodyOf(values: Values, inputs: ActionInput[]): Body {
  const body: Body = {};
  if (values.reason?.trim()) body.reason = values.reason.trim();
  if (values.legalBasis?.trim()) body.legalBasis = values.legalBasis.trim();
  const data: Record<string, number | string> = {};
  for (const i of inputs) {
    const v = values.data?.[i.key];
    if (typeof v === 'number') data[i.key] = v;
    else if (typeof v === 'string' && v.trim()) data[i.key] = v.trim();
  }
  if (Object.keys(data).length) body.data = data;
  return body;
}

/** Confirms a transition; asks for the data, reason and legal basis the action requires, checked as you type. */
export function TransitionModal({ matterId, matterTitle, action, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [rest, setRest] = useState<FieldError[] | undefined>(undefined);

  const inputs = action.inputs ?? [];
  const reasonLabel = action.reasonLabel || '理由';
  const asks = action.requiresReason || action.requiresLegalBasis || inputs.length > 0;
  const danger = action.tone === 'danger';

  const submit = async () => {
    const values: Values = asks ? await form.validateFields() : {};
    setSubmitting(true);
    setProblem(null);
    try {
      const matter = await api.post<Matter>(
        `/api/v1/matters/${encodeURIComponent(String(matterId))}/transitions/${encodeURIComponent(action.name)}`,
        bodyOf(values, inputs),
      );
      onDone(matter, action);
    } catch (err) {
      const p = toProblem(err);
      setProblem(p);
      // 'data.extensionDays' goes on its input; the rest as the other forms do.
      const own = (e: FieldError) => inputs.find((i) => e.field.replace(/^[/#.]+/, '') === `data.${i.key}`);
      form.setFields(
        (p.errors ?? []).flatMap((e) => {
          const i = own(e);
          return i ? [{ name: ['data', i.key], errors: [e.message] }] : [];
        }),
      );
      setRest(applyFieldErrors(form, { ...p, errors: (p.errors ?? []).filter((e) => !own(e)) }, FIELDS));
      if (p.type.endsWith('reason-required'))
        form.setFields([{ name: 'reason', errors: [`请填写${reasonLabel}`] }]);
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
          {inputs.map((i) => (
            <InputItem key={i.key} input={i} />
          ))}
          {action.requiresReason && (
            <Form.Item
              name="reason"
              label={reasonLabel}
              extra={`${reasonLabel}将记入办理过程，并告知对方单位。`}
              rules={[
                { required: true, whitespace: true, message: `请填写${reasonLabel}` },
                { min: MIN_REASON, message: `${reasonLabel}至少 ${MIN_REASON} 个字，请写具体` },
                { max: 1000, message: `${reasonLabel}不超过 1000 字` },
              ]}
            >
              <Input.TextArea rows={4} showCount maxLength={1000} placeholder={`请写明${reasonLabel}`} />
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
