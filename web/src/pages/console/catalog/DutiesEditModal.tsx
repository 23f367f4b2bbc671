import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api, type FieldError, type Problem, toProblem } from '../../../api.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import { DUTY_BASIS_MAX, DUTY_NAME_MAX, type Duty } from './dutiesTypes.ts';

interface DutyForm {
  name: string;
  basis?: string;
  sortOrder?: number;
}

const FIELDS = ['name', 'basis', 'sortOrder'] as const;

interface Props {
  open: boolean;
  agencyId: number;
  agencyName: string;
  /** The duty to change; null adds a new one. */
  duty: Duty | null;
  nextSortOrder: number;
  onClose: () => void;
  onSaved: () => void;
}

/** 新增/修改职责: one duty of the agency's 三定 list, with the provision it comes from. */
export function DutiesEditModal({
  open,
  agencyId,
  agencyName,
  duty,
  nextSortOrder,
  onClose,
  onSaved,
}: Props) {
  const [form] = Form.useForm<DutyForm>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [rest, setRest] = useState<FieldError[]>([]);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setRest([]);
    form.resetFields();
    form.setFieldsValue(
      duty
        ? { name: duty.name, basis: duty.basis ?? undefined, sortOrder: duty.sortOrder }
        : { sortOrder: nextSortOrder },
    );
  }, [open, duty, nextSortOrder, form]);

  const submit = async (values: DutyForm) => {
    setSaving(true);
    setProblem(null);
    const body = {
      name: values.name.trim(),
      basis: values.basis?.trim() || null,
      sortOrder: values.sortOrder ?? nextSortOrder,
    };
    try {
      if (duty) await api.put(`/api/v1/catalog/duties/${duty.id}`, body);
      else await api.post('/api/v1/catalog/duties', { ...body, agencyId });
      message.success(duty ? '职责已修改' : '职责已添加');
      onSaved();
    } catch (err) {
      const p = toProblem(err);
      setRest(applyFieldErrors(form, p, FIELDS));
      setProblem(p);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={duty ? '修改职责' : `新增职责 · ${agencyName}`}
      okText="保存"
      cancelText="取消"
      width={640}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <ProblemAlert problem={problem} errors={rest} onClose={() => setProblem(null)} />
      <Form<DutyForm> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label="职责名称"
          rules={[{ required: true, whitespace: true, message: '请填写职责名称' }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={DUTY_NAME_MAX}
            showCount
            placeholder="按本部门“三定”规定逐项填写，如：负责婚姻登记管理工作"
          />
        </Form.Item>
        <Form.Item name="basis" label="职责依据" tooltip="“三定”规定的文件名称、文号及条款">
          <Input
            maxLength={DUTY_BASIS_MAX}
            placeholder="如：《黑龙江省民政厅职能配置、内设机构和人员编制规定》第三条"
          />
        </Form.Item>
        <Form.Item name="sortOrder" label="排序号">
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
