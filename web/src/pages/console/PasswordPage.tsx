import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type FieldError, type Problem, toProblem } from '../../api.ts';
import { PasswordPolicyHints } from '../../components/PasswordPolicyHints.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { checkPassword } from '../../lib/passwordPolicy.ts';
import { useSession } from '../../lib/session.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export default function PasswordPage() {
  const [form] = Form.useForm<PasswordForm>();
  const { user, refresh } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [restErrors, setRestErrors] = useState<FieldError[]>([]);
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const forced = !user || user.mustChangePassword;

  const submit = async ({ currentPassword, newPassword }: PasswordForm) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await api.post(
        '/api/v1/auth/change-password',
        { currentPassword, newPassword },
        { redirectOnAuth: false },
      );
      message.success('密码已修改');
      form.resetFields();
      const me = await refresh();
      navigate(me ? '/console' : '/login', { replace: true });
    } catch (err) {
      const p = toProblem(err);
      if (p.status === 401 && !p.errors?.length && !/password|credential/i.test(p.type)) {
        navigate('/login', { replace: true });
        return;
      }
      setRestErrors(applyFieldErrors(form, p, FIELDS));
      setProblem(p);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title="修改密码" style={{ maxWidth: 640 }}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="请先修改密码"
          description="首次登录或密码被管理员重置后，须设置新密码方可使用平台其他功能。"
        />
      )}
      <ProblemAlert problem={problem} errors={restErrors} onClose={() => setProblem(null)} />
      <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item
          name="currentPassword"
          label="当前密码"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" placeholder="请输入当前密码" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={<PasswordPolicyHints password={newPassword} username={user?.username} />}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_, value: string | undefined) => {
                const failed = checkPassword(value ?? '', user?.username).filter((c) => !c.ok);
                if (value && failed.length) throw new Error('新密码不符合密码策略，请对照下方要求修改');
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" placeholder="请输入新密码" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" placeholder="请再次输入新密码" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={submitting}>
            确认修改
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
