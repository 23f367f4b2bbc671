import { Alert, App, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, type FieldError, type Problem, toProblem } from '../../api.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { parseCalendarCsv } from '../../lib/calendarCsv.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';

interface Props {
  open: boolean;
  /** Prefill when replacing an existing year. */
  initial: { year: number; source: string; csv: string } | null;
  existingYears: number[];
  onClose: () => void;
  onSaved: (year: number) => void;
}

interface ImportForm {
  year: number;
  source: string;
  csv: string;
}

const FIELDS = ['year', 'source'] as const;
const PLACEHOLDER = 'date,kind,name\n每行一条：日期,类型,名称\n类型为 holiday（休）或 workday（班）';

export function CalendarImportModal({ open, initial, existingYears, onClose, onSaved }: Props) {
  const [form] = Form.useForm<ImportForm>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [restErrors, setRestErrors] = useState<FieldError[]>([]);
  const year = Form.useWatch('year', form) as number | undefined;
  const csv = (Form.useWatch('csv', form) as string | undefined) ?? '';
  const parsed = useMemo(() => parseCalendarCsv(csv, year ?? null), [csv, year]);
  const holidays = parsed.days.filter((d) => d.kind === 'holiday').length;
  const replacing = year !== undefined && existingYears.includes(year);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setRestErrors([]);
    form.resetFields();
    form.setFieldsValue(initial ?? { year: new Date().getFullYear() + 1, source: '', csv: '' });
  }, [open, initial, form]);

  const submit = async (values: ImportForm) => {
    if (parsed.errors.length || parsed.days.length === 0) return;
    setSaving(true);
    setProblem(null);
    try {
      await api.put(`/api/v1/calendar/years/${values.year}`, {
        source: values.source.trim(),
        days: parsed.days,
      });
      message.success(`${values.year} 年工作日历已保存`);
      onSaved(values.year);
    } catch (err) {
      const p = toProblem(err);
      setRestErrors(applyFieldErrors(form, p, FIELDS));
      setProblem(p);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={replacing ? `替换 ${year} 年工作日历` : year ? `导入 ${year} 年工作日历` : '导入年度工作日历'}
      okText={replacing ? '替换' : '保存'}
      cancelText="取消"
      width={720}
      confirmLoading={saving}
      okButtonProps={{ disabled: parsed.errors.length > 0 || parsed.days.length === 0 }}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <ProblemAlert problem={problem} errors={restErrors} onClose={() => setProblem(null)} />
      {replacing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${year} 年的日历已存在，保存后将整体替换原有安排。`}
        />
      )}
      <Form<ImportForm> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            suffix="年"
            style={{ width: 160 }}
            disabled={initial !== null}
          />
        </Form.Item>
        <Form.Item
          name="source"
          label="来源"
          tooltip="国务院办公厅发布的当年部分节假日安排通知"
          rules={[{ required: true, whitespace: true, message: '请填写来源文件名称及文号' }]}
        >
          <Input placeholder="发布节假日安排的通知名称及文号" maxLength={500} />
        </Form.Item>
        <Form.Item
          name="csv"
          label="节假日与调休安排（CSV）"
          rules={[{ required: true, whitespace: true, message: '请粘贴节假日与调休安排' }]}
          extra={
            <Space size={4} style={{ marginTop: 4 }} wrap>
              <span>已识别</span>
              <Tag color="red">休 {holidays} 天</Tag>
              <Tag color="blue">班 {parsed.days.length - holidays} 天</Tag>
              <Typography.Text type="secondary">表头行、空行和以 # 开头的行将被忽略</Typography.Text>
            </Space>
          }
        >
          <Input.TextArea rows={10} placeholder={PLACEHOLDER} className="mono" spellCheck={false} />
        </Form.Item>
      </Form>
      {parsed.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`有 ${parsed.errors.length} 行无法识别，请修改后再保存`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 160, overflow: 'auto' }}>
              {parsed.errors.map((e) => (
                <li key={e.line}>
                  第 {e.line} 行：{e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Modal>
  );
}
