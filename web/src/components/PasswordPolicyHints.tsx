import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { checkPassword } from '../lib/passwordPolicy.ts';

interface Props {
  password: string;
  username?: string;
}

export function PasswordPolicyHints({ password, username }: Props) {
  const checks = checkPassword(password, username);
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 16px', fontSize: 13 }} aria-label="密码要求">
      {checks.map((c) => (
        <li key={c.key} style={{ color: c.ok ? '#389e0d' : 'rgba(0,0,0,0.55)', lineHeight: '24px' }}>
          {c.ok ? <CheckCircleFilled /> : <CloseCircleOutlined />}{' '}
          <span style={{ marginLeft: 4 }}>{c.label}</span>
        </li>
      ))}
    </ul>
  );
}
