import { Tag, Tooltip } from 'antd';
import {
  ENTRY_STATUS,
  type EntryStatus,
  gradeColor,
  OPEN_TYPE_COLORS,
  SHARE_TYPE_COLORS,
  type Term,
  termName,
  VERSION_STATUS,
  type VersionStatus,
} from '../../../lib/catalog.ts';

const tight = { marginInlineEnd: 0 };

/** 草稿 / 审核中 / 退回修改 / 已发布 / 撤销过渡期 / 已撤销. */
export function EntryStatusTag({ status }: { status: string }) {
  const s = ENTRY_STATUS[status as EntryStatus];
  return (
    <Tag color={s?.color ?? 'default'} style={tight}>
      {s?.label ?? status}
    </Tag>
  );
}

/** 编制中 / 审核中 / 退回修改 / 现行版本 / 历史版本. */
export function VersionStatusTag({ status }: { status: string }) {
  const s = VERSION_STATUS[status as VersionStatus];
  return (
    <Tag color={s?.color ?? 'default'} style={tight}>
      {s?.label ?? status}
    </Tag>
  );
}

/** A grade by its name (核心 red, 重要 orange, 一般 blue); `computed` explains 就高从严 on hover. */
export function GradeTag({ code, grades, computed }: { code: string; grades?: Term[]; computed?: boolean }) {
  const tag = (
    <Tag color={gradeColor(code)} style={tight}>
      {termName(grades, code)}
    </Tag>
  );
  return computed ? <Tooltip title="《办法》第十四条：目录分级按数据项分级就高从严确定">{tag}</Tooltip> : tag;
}

export function ShareTypeTag({ type }: { type: string }) {
  return (
    <Tag color={SHARE_TYPE_COLORS[type] ?? 'default'} style={tight}>
      {type}
    </Tag>
  );
}

export function OpenTypeTag({ type }: { type: string }) {
  return (
    <Tag color={OPEN_TYPE_COLORS[type] ?? 'default'} style={tight}>
      {type}
    </Tag>
  );
}
