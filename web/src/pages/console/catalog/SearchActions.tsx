import { DownloadOutlined, DownOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { buildUrl } from '../../../api.ts';
import { hasPermission } from '../../../lib/session.ts';
import type { CurrentUser } from '../../../types.ts';
import { SearchImportModal } from './SearchImportModal.tsx';

const EXPORT_URL = '/api/v1/catalog/export';

/** The export narrows to one provider and one group (what the export route can filter by). */
export interface ExportScope {
  providerAgencyId?: string;
  groupCode?: string;
  /** What the narrowing reads as, e.g. “黑龙江省民政厅 · 人口”. */
  label?: string;
}

interface Props {
  user: CurrentUser | null;
  exportScope: ExportScope;
  onImported: () => void;
}

/** 编制目录 / 导入 for a department's data officer; 导出 for everyone who reads the catalog. */
export function SearchActions({ user, exportScope, onImported }: Props) {
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  const canEdit = hasPermission(user, 'catalog.edit');

  // A plain link: the browser downloads the file with the session cookie and keeps its file name.
  const download = (format: 'csv' | 'xlsx') => {
    const a = document.createElement('a');
    const { label: _, ...filter } = exportScope;
    a.href = buildUrl(EXPORT_URL, { format, ...filter });
    a.download = '';
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  return (
    <Space wrap>
      {canEdit && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/console/catalog/new')}>
          编制目录
        </Button>
      )}
      {canEdit && (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          导入
        </Button>
      )}
      <Dropdown
        menu={{
          items: [
            {
              key: 'scope',
              type: 'group',
              label: exportScope.label ? `范围：${exportScope.label}` : '范围：全省已发布目录',
              children: [
                { key: 'csv', label: '导出为 CSV' },
                { key: 'xlsx', label: '导出为 Excel（.xlsx）' },
              ],
            },
          ],
          onClick: ({ key }) => download(key as 'csv' | 'xlsx'),
        }}
      >
        <Button icon={<DownloadOutlined />}>
          导出已发布目录 <DownOutlined />
        </Button>
      </Dropdown>
      {canEdit && (
        <SearchImportModal open={importing} onClose={() => setImporting(false)} onImported={onImported} />
      )}
    </Space>
  );
}
