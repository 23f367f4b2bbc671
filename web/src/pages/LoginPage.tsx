import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, type FieldError, type Problem, toProblem } from '../api.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { applyFieldErrors } from '../lib/formErrors.ts';
import type { LoginResponse } from '../types.ts';

interface LoginForm {
  username: string;
  password: string;
}

const FIELDS = ['username', 'password'] as const;

function safeNext(next: string | null): string | null {
  return next?.startsWith('/console') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const [form] = Form.useForm<LoginForm>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [restErrors, setRestErrors] = useState<FieldError[]>([]);

  const submit = async (values: LoginForm) => {
    setSubmitting(true);
    setProblem(null);
    try {
      const res = await api.post<LoginResponse>('/api/v1/auth/login', values, { redirectOnAuth: false });
      if (res.mustChangePassword || res.user?.mustChangePassword)
        navigate('/console/password', { replace: true });
      else if (res.user?.kind === 'public') navigate('/portal', { replace: true });
      else navigate(safeNext(params.get('next')) ?? '/console', { replace: true });
    } catch (err) {
      const p = toProblem(err);
      setRestErrors(applyFieldErrors(form, p, FIELDS));
      setProblem(p);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0f3d82 0%, #1d5ab9 45%, #eef3fb 45.1%, #f5f7fa 100%)',
      }}
    >
      <div style={{ padding: '20px 32px' }}>
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>
          <SafetyCertificateOutlined /> 黑龙江省政务数据平台
        </Link>
      </div>
      <div style={{ flex: 1, display: 'grid', placeItems: 'center', padding: 24 }}>
        <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 8px 30px rgba(15,61,130,0.18)' }}>
          <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 8 }}>
            账号登录
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            政务工作人员及已注册的公众用户
          </Typography.Paragraph>
          <ProblemAlert problem={problem} errors={restErrors} onClose={() => setProblem(null)} />
          <Form<LoginForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit}>
            <Form.Item
              name="username"
              label="用户名"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder="请输入密码"
                autoComplete="current-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                登录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            连续多次输入错误密码，账号将被暂时锁定。忘记密码请联系本单位平台管理员重置。
          </Typography.Paragraph>
        </Card>
      </div>
      <div style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', fontSize: 12, padding: 16 }}>
        主办单位：黑龙江省政务数据主管部门
      </div>
    </div>
  );
}
