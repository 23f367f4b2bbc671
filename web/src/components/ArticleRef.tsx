import { Tooltip } from 'antd';
import { articleLabel } from '../lib/format.ts';

interface Props {
  article: string | number | null | undefined;
  articleText?: string | null;
}

/** 'Art. 12' shown as 《办法》第十二条, with the text of the article on hover. */
export function ArticleRef({ article, articleText }: Props) {
  const label = articleLabel(article);
  if (!label) return <span>—</span>;
  if (!articleText) return <span>{label}</span>;
  return (
    <Tooltip title={articleText}>
      <span style={{ borderBottom: '1px dashed rgba(0,0,0,0.35)', cursor: 'help', whiteSpace: 'nowrap' }}>
        {label}
      </span>
    </Tooltip>
  );
}
