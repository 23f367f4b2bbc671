import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type Problem, toProblem } from '../../api.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDate } from '../../lib/format.ts';

interface ToolForm {
  from: Dayjs;
  days: number;
}

interface Result {
  from: string;
  days: number;
  date: string;
}

export function WorkingDaysTool() {
  const [form] = Form.useForm<ToolForm>();
  const [result, setResult] = useState<Result | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);

  const submit = async ({ from, days }: ToolForm) => {
    setLoading(true);
    setProblem(null);
    setResult(null);
    const fromText = from.format('YYYY-MM-DD');
    try {
      const res = await api.get<{ date: string }>('/api/v1/calendar/add-working-days', {
        from: fromText,
        days,
      });
      setResult({ from: fromText, days, date: res.date });
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card
      title={
        <span>
          <CalculatorOutlined /> 工作日推算
        </span>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        办理时限按工作日计算，自动跳过法定节假日并计入调休上班日。
      </Typography.Paragraph>
      <Form<ToolForm>
        form={form}
        layout="inline"
        style={{ rowGap: 12, marginBottom: 16 }}
        initialValues={{ from: dayjs(), days: 10 }}
        onFinish={submit}
      >
        <Form.Item name="from" label="起始日期" rules={[{ required: true, message: '请选择起始日期' }]}>
          <DatePicker format="YYYY年M月D日" allowClear={false} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="days" label="工作日数" rules={[{ required: true, message: '请输入工作日数' }]}>
          <InputNumber min={0} max={3650} precision={0} suffix="个工作日" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            计算
          </Button>
        </Form.Item>
      </Form>
      <ProblemAlert problem={problem} style={{ marginBottom: 0 }} />
      {result && (
        <Alert
          type="success"
          showIcon
          title={
            <span>
              {formatDate(result.from)}起 {result.days} 个工作日后为{' '}
              <Typography.Text strong style={{ fontSize: 16 }}>
                {formatDate(result.date)}
              </Typography.Text>
              （{dayjs(result.date).format('dddd')}）
            </span>
          }
        />
      )}
    </Card>
  );
}
