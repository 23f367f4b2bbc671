import { Descriptions, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api.ts';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import {
  type CatalogStandard,
  classPath,
  type EntryView,
  entryPath,
  termName,
} from '../../../lib/catalog.ts';
import { formatDate, formatDateTime, levelLabel } from '../../../lib/format.ts';
import { GradeTag, OpenTypeTag, ShareTypeTag } from './EntryTags.tsx';
import { ItemsTable } from './ItemsTable.tsx';

const muted = { color: 'rgba(0,0,0,0.45)', fontSize: 12 } as const;
const prose = { whiteSpace: 'pre-wrap' } as const;

/** The names of related entries (each readable by whoever reads this one, else shown by number). */
export function RelatedEntries({ ids }: { ids: number[] }) {
  const [names, setNames] = useState<Record<number, string>>({});
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands in for ids.
  useEffect(() => {
    let live = true;
    for (const id of ids)
      api
        .get<EntryView>(`/api/v1/catalog/entries/${id}`)
        .then((e) => live && setNames((n) => ({ ...n, [id]: `${e.name}（${e.code}）` })))
        .catch(() => {});
    return () => {
      live = false;
    };
  }, [key]);
  if (!ids.length) return <>—</>;
  return (
    <Space orientation="vertical" size={2}>
      {ids.map((id) => (
        <Link key={id} to={entryPath(id)}>
          {names[id] ?? `目录 ${id}`}
        </Link>
      ))}
    </Space>
  );
}

/** Share type with its conditions or legal basis (Art. 21). */
function Share({ e }: { e: EntryView }) {
  return (
    <Space orientation="vertical" size={2}>
      <ShareTypeTag type={e.shareType} />
      {e.shareConditions?.scope && <span style={prose}>共享范围：{e.shareConditions.scope}</span>}
      {e.shareConditions?.purpose && <span style={prose}>共享用途：{e.shareConditions.purpose}</span>}
      {e.shareLegalBasis && <span style={prose}>法律依据：{e.shareLegalBasis}</span>}
    </Space>
  );
}

/** Open type with its conditions or reason and the consent basis (Art. 33). */
function Open({ e }: { e: EntryView }) {
  return (
    <Space orientation="vertical" size={2}>
      <OpenTypeTag type={e.openType} />
      {e.openConditions && <span style={prose}>开放条件：{e.openConditions}</span>}
      {e.openReason && <span style={prose}>不予开放理由：{e.openReason}</span>}
      {e.piConsent && <span style={prose}>个人同意依据：{e.piConsent.basis}</span>}
    </Space>
  );
}

interface Props {
  entry: EntryView;
  standard: CatalogStandard | undefined;
  /** Column count of the descriptions (the drawer is narrower than a page). */
  columns?: number;
}

/** All the fields of one version and its data items (目录详情). */
export function EntryContent({ entry: e, standard, columns = 2 }: Props) {
  const s = standard;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, lg: columns }}
        styles={{ label: { width: 132, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'name', label: '目录名称', children: e.name, span: columns },
          {
            key: 'summary',
            label: '摘要',
            children: <span style={prose}>{e.summary}</span>,
            span: columns,
          },
          {
            key: 'code',
            label: '资源代码',
            children: (
              <Typography.Text className="mono" copyable>
                {e.code}
              </Typography.Text>
            ),
          },
          {
            key: 'class',
            label: '分类',
            children: (
              <span>
                <span className="mono">{e.classificationCode}</span>{' '}
                {classPath(s?.classes, e.classificationCode)}
              </span>
            ),
          },
          {
            key: 'provider',
            label: '提供部门',
            children: (
              <span>
                {e.providerAgency.name} <span style={muted}>{levelLabel(e.providerAgency.level)}</span>
              </span>
            ),
          },
          { key: 'group', label: '目录分组', children: termName(s?.groups, e.groupCode) },
          { key: 'format', label: '资源格式', children: termName(s?.formats, e.formatCode) },
          { key: 'frequency', label: '更新频率', children: termName(s?.frequencies, e.frequencyCode) },
          {
            key: 'grade',
            label: '目录分级',
            children: (
              <Space size={6}>
                <GradeTag code={e.grade} grades={s?.grades} computed />
                <span style={muted}>
                  按数据项就高从严，
                  <ArticleRef article="Art. 14" />
                </span>
              </Space>
            ),
          },
          { key: 'publish', label: '发布日期', children: formatDate(e.publishDate) },
          { key: 'share', label: '共享属性', children: <Share e={e} /> },
          { key: 'open', label: '开放属性', children: <Open e={e} /> },
          {
            key: 'related',
            label: '关联目录',
            children: <RelatedEntries ids={e.relatedEntryIds} />,
          },
          {
            key: 'updated',
            label: '最近修改',
            children: `${formatDateTime(e.updatedAt)}　${e.updatedBy}`,
          },
        ]}
      />
      <Typography.Title level={5} style={{ margin: '20px 0 12px' }}>
        数据项
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 8 }}>
          共 {e.items.length} 项
        </Typography.Text>
      </Typography.Title>
      <ItemsTable items={e.items} standard={s} />
    </>
  );
}
