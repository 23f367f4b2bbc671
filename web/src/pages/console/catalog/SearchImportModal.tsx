import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, type Problem, readCookie, toProblem } from '../../../api.ts';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEMPLATE_URL = '/api/v1/catalog/import/template';

interface RowError {
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
  field?: string;
}

interface ImportResult {
  created: { id: number; code: string; name: string }[];
  notices: { row?: number; message: string; article?: string }[];
}

const errorColumns: TableColumnsType<RowError & { key: number }> = [
  { title: '工作表', dataIndex: 'sheet', width: 90, render: (v?: string) => v || '—' },
  { title: '行号', dataIndex: 'row', width: 70, align: 'right', render: (v?: number) => v ?? '—' },
  { title: '列', dataIndex: 'column', width: 130, render: (v?: string) => v || '—' },
  { title: '问题', dataIndex: 'message' },
];

/** The xlsx goes as the request body; fetch directly because api.ts only sends JSON. */
async function upload(file: File): Promise<ImportResult> {
  const headers: Record<string, string> = {
    'Content-Type': XLSX,
    Accept: 'application/json, application/problem+json',
  };
  const csrf = readCookie('govdata_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch('/api/v1/catalog/import', {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError({
      type: 'about:blank',
      title: res.status === 413 ? '文件过大' : `导入失败（${res.status}）`,
      status: res.status,
      ...(body ?? {}),
    });
  }
  return body as ImportResult;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

/** 导入目录: download the template, upload the filled workbook, see row-level errors (nothing saved). */
export function SearchImportModal({ open, onClose, onImported }: Props) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setRowErrors([]);
    setResult(null);
    setFileName(null);
  }, [open]);

  const send = async (file: File) => {
    setBusy(true);
    setProblem(null);
    setRowErrors([]);
    setResult(null);
    setFileName(file.name);
    try {
      const r = await upload(file);
      setResult(r);
      onImported();
    } catch (err) {
      const p = toProblem(err);
      const rows = (p.errors ?? []) as RowError[];
      // Row errors go to the table; the alert keeps the title and the legal basis.
      setRowErrors(rows.filter((e) => e.row !== undefined || e.sheet !== undefined));
      const rest = rows.filter((e) => e.row === undefined && e.sheet === undefined);
      setProblem({
        ...p,
        errors: rest.map((e) => ({ field: e.field ?? e.column ?? '', message: e.message })),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="导入政务数据目录"
      width={760}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{result ? '完成' : '关闭'}</Button>}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="按模板填写后上传，导入的目录保存为本部门草稿，经检查无误后再逐条提交审核。"
        description={
          <Space orientation="vertical" size={4}>
            <span>任一行有误时整批不予导入，请按下表所列行号修改后重新上传。</span>
            <a href={TEMPLATE_URL} download>
              <DownloadOutlined /> 下载导入模板（.xlsx）
            </a>
          </Space>
        }
      />
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? '正在导入…' : '点击或将填写好的模板拖到此处上传'}</p>
        <p className="ant-upload-hint">仅支持 .xlsx 文件{fileName ? `；本次上传：${fileName}` : ''}</p>
      </Upload.Dragger>
      <div style={{ marginTop: 16 }}>
        <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
        {rowErrors.length > 0 && (
          <Table
            size="small"
            rowKey="key"
            columns={errorColumns}
            dataSource={rowErrors.map((e, key) => ({ ...e, key }))}
            pagination={rowErrors.length > 10 ? { pageSize: 10, showTotal: (n) => `共 ${n} 处问题` } : false}
          />
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            title={`已导入 ${result.created.length} 条目录草稿`}
            description={
              <div style={{ maxHeight: 240, overflow: 'auto' }}>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {result.created.map((c) => (
                    <li key={c.id}>
                      <Link to={`/console/catalog/entries/${c.id}`} onClick={onClose}>
                        {c.name}
                      </Link>{' '}
                      <Typography.Text type="secondary" className="mono">
                        {c.code}
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
                {result.notices.length > 0 && (
                  <>
                    <Typography.Text strong>导入提示</Typography.Text>
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {result.notices.map((n, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: notices have no identity of their own.
                        <li key={i}>
                          {n.row !== undefined && `第 ${n.row} 行：`}
                          {n.message} {n.article && <ArticleRef article={n.article} />}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            }
          />
        )}
      </div>
    </Modal>
  );
}
