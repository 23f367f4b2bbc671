import { ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Select } from 'antd';
import { KIND_LABELS, LEVEL_LABELS } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import type { AgencyKind, AgencyLevel, ListResponse, Region } from '../../types.ts';

export interface AgencyFilterValues {
  level?: AgencyLevel;
  kind?: AgencyKind;
  regionCode?: string;
}

interface Props {
  value: AgencyFilterValues;
  onChange: (value: AgencyFilterValues) => void;
  onReload: () => void;
}

const levelOptions = Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const kindOptions = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));

export function AgencyFilters({ value, onChange, onReload }: Props) {
  const regions = useApi<ListResponse<Region>>('/api/v1/regions', { parent: '230000' });
  const regionOptions = (regions.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }));

  return (
    <Form layout="inline" style={{ rowGap: 12 }}>
      <Form.Item label="层级">
        <Select
          allowClear
          placeholder="全部层级"
          style={{ width: 140 }}
          options={levelOptions}
          value={value.level}
          onChange={(level) => onChange({ ...value, level })}
        />
      </Form.Item>
      <Form.Item label="类型">
        <Select
          allowClear
          placeholder="全部类型"
          style={{ width: 180 }}
          options={kindOptions}
          value={value.kind}
          onChange={(kind) => onChange({ ...value, kind })}
        />
      </Form.Item>
      <Form.Item
        label="区划"
        validateStatus={regions.error ? 'error' : undefined}
        help={regions.error ? `区划加载失败：${regions.error.title}` : undefined}
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部区划"
          style={{ width: 200 }}
          loading={regions.loading}
          options={regionOptions}
          value={value.regionCode}
          onChange={(regionCode) => onChange({ ...value, regionCode })}
          notFoundContent={regions.loading ? '加载中…' : '暂无区划数据'}
        />
      </Form.Item>
      <Form.Item>
        <Button onClick={() => onChange({})}>重置</Button>
      </Form.Item>
      <Form.Item>
        <Button icon={<ReloadOutlined />} onClick={onReload}>
          刷新
        </Button>
      </Form.Item>
    </Form>
  );
}
