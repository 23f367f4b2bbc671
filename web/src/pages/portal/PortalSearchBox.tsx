import { Input } from 'antd';
import { useNavigate } from 'react-router-dom';

interface Props {
  defaultValue?: string;
  autoFocus?: boolean;
}

export function PortalSearchBox({ defaultValue, autoFocus }: Props) {
  const navigate = useNavigate();
  return (
    <Input.Search
      key={defaultValue}
      size="large"
      defaultValue={defaultValue}
      autoFocus={autoFocus}
      allowClear
      enterButton="搜索"
      aria-label="搜索开放数据"
      placeholder="搜索开放数据，如：医疗机构、公交线路、企业登记"
      onSearch={(value) => {
        const q = value.trim();
        navigate(q ? `/portal/search?q=${encodeURIComponent(q)}` : '/portal/search');
      }}
    />
  );
}
