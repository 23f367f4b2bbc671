import type { ReactNode } from 'react';

const MARK_STYLE = { background: '#fff1b8', color: 'inherit', padding: 0 };
const MARK = /<mark>(.*?)<\/mark>/gs;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decodeEntities = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]);

/**
 * The server's highlight (query words in <mark>…</mark>, the rest HTML-escaped, a long summary cut
 * around the first hit) rendered as React text — never as HTML. Without one, the plain text.
 */
export function SearchHighlight({ text, highlighted }: { text: string; highlighted?: string }) {
  if (!highlighted) return <>{text}</>;
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of highlighted.matchAll(MARK)) {
    if (m.index > last) out.push(decodeEntities(highlighted.slice(last, m.index)));
    out.push(
      <mark key={m.index} style={MARK_STYLE}>
        {decodeEntities(m[1])}
      </mark>,
    );
    last = m.index + m[0].length;
  }
  if (last < highlighted.length) out.push(decodeEntities(highlighted.slice(last)));
  return <>{out}</>;
}
