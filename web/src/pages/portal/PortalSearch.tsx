import { Button, Result, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { PortalSearchBox } from './PortalSearchBox.tsx';
import { PortalShell } from './PortalShell.tsx';

export function PortalSearch() {
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  return (
    <PortalShell>
      <div style={{ background: '#fff', borderBottom: '1px solid #e8edf5' }}>
        <div style={{ maxWidth: 820, margin: '0 auto', padding: '24px' }}>
          <PortalSearchBox defaultValue={q} />
        </div>
      </div>
      <div style={{ maxWidth: 820, margin: '0 auto', padding: '24px' }}>
        <Result
          status="info"
          title="开放数据目录检索即将上线"
          subTitle={
            <>
              {q && (
                <Typography.Paragraph>
                  您搜索的是“<Typography.Text strong>{q}</Typography.Text>”。
                </Typography.Paragraph>
              )}
              <Typography.Paragraph type="secondary">
                开放数据目录正在编制中。目录发布后，您可以在这里按关键词、领域和部门查找开放数据，并在线申请使用。
              </Typography.Paragraph>
            </>
          }
          extra={
            <Link to="/">
              <Button type="primary">返回首页</Button>
            </Link>
          }
        />
      </div>
    </PortalShell>
  );
}
