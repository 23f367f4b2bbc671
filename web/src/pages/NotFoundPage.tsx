import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

export function NotFoundPage({ inConsole = false }: { inConsole?: boolean }) {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已调整，请检查地址是否正确。"
      extra={
        <Link to={inConsole ? '/console' : '/'}>
          <Button type="primary">{inConsole ? '返回工作台' : '返回首页'}</Button>
        </Link>
      }
    />
  );
}
