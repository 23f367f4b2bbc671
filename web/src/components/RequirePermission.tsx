import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { hasPermission, useSession } from '../lib/session.ts';

interface Props {
  permission: string;
  children: ReactNode;
}

export function RequirePermission({ permission, children }: Props) {
  const { user } = useSession();
  if (hasPermission(user, permission)) return <>{children}</>;
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={`您的账号没有“${permission}”权限。如确需使用本功能，请联系本单位的平台管理员分配相应角色。`}
      extra={
        <Link to="/console">
          <Button type="primary">返回工作台</Button>
        </Link>
      }
    />
  );
}
