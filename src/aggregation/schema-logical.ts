import { type Generated, type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';
import { type FieldError, ruleViolated } from '../kernel/errors.ts';

// Art. 18 逻辑汇聚: where a law or regulation forbids copying data to the platform, the data stays at
// its source and is served through the source's interface. The dataset (agg_dataset, mode 'logical')
// keeps no records; this row keeps the interface, the legal basis and the authority's confirmation,
// decided in an 'aggregation.logical' matter. Only a confirmed source is in service.

export type LogicalSourceStatus = 'confirming' | 'confirmed' | 'returned' | 'withdrawn';
export type LogicalMethod = 'GET' | 'POST';

export interface AggLogicalSourceTable {
  dataset_id: number;
  /** The source's interface; never with credentials in it (they are not stored in a URL). */
  endpoint_url: string;
  method: LogicalMethod;
  /** What the interface serves and how it is called. */
  description: string;
  /** The law or regulation that forbids copying the data to the platform (Art. 18). */
  legal_basis: string;
  reason: string | null;
  status: LogicalSourceStatus;
  matter_id: number;
  /** Raised by every edit: a resubmission must follow an edit made after the return. */
  revision: Generated<number>;
  returned_revision: number | null;
  registered_at: Date;
  registered_by: string;
  updated_at: Date;
  /**
   * The authority's last decision (confirm or return), cleared when resubmitted. Art. 18 has the
   * authority confirm, so the agency is kept here; the person who acted is in the matter's timeline
   * and the ledger (a matter effect is not told the acting person).
   */
  decided_at: Date | null;
  decided_by_agency_id: number | null;
  decision_comment: string | null;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    agg_logical_source: AggLogicalSourceTable;
  }
}

export const logicalSourceMigration: NamedMigration = {
  name: '4003_aggregation_logical_source',
  async up(db: Kysely<any>) {
    await sql
      .raw(`
      create table agg_logical_source (
        dataset_id int primary key references agg_dataset (id),
        endpoint_url text not null check (endpoint_url ~* '^https?://'),
        method text not null check (method in ('GET', 'POST')),
        description text not null check (length(btrim(description)) > 0),
        legal_basis text not null check (length(btrim(legal_basis)) >= 10),
        reason text,
        status text not null check (status in ('confirming', 'confirmed', 'returned', 'withdrawn')),
        matter_id int not null unique references matter (id),
        revision int not null default 1,
        returned_revision int,
        registered_at timestamptz not null,
        registered_by text not null,
        updated_at timestamptz not null,
        decided_at timestamptz,
        decided_by_agency_id int,
        decision_comment text
      );
    `)
      .execute(db);
  },
};

// ——— what may be on file (the service and the matter's effects check with the same rules) ———

export const LOGICAL_METHODS: LogicalMethod[] = ['GET', 'POST'];
export const LIMITS = { endpointUrl: 2000, description: 2000, legalBasis: 1000, reason: 2000 } as const;
export const BASIS_MIN = 10;
/** The words by which a basis names a law or regulation (《…》, …法, 条例, 规定, 办法, 决定). */
const CITES_LAW = /《[^》]+》|法|条例|规定|办法|决定/;
/** Query parameters that carry a secret: the key is configured with the proxy, never kept in a URL. */
const SECRET_PARAM =
  /^(access_?token|token|secret|client_?secret|app_?secret|api_?key|app_?key|password|passwd|pwd|sign|signature)$/i;

export interface LogicalFields {
  endpointUrl: string;
  method: LogicalMethod;
  description: string;
  legalBasis: string;
  reason: string | null;
}
export const FIELD_KEYS = ['endpointUrl', 'method', 'description', 'legalBasis', 'reason'] as const;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function checkUrl(raw: string): string | null {
  if (!raw) return '请填写数据源接口地址';
  if (raw.length > LIMITS.endpointUrl) return `接口地址不得超过${LIMITS.endpointUrl}个字符`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '接口地址不是合法的网址，应如 https://data.example.gov.cn/api/persons';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '接口地址仅支持 http 或 https 协议';
  // Secrets are not stored in a URL: it is shown, ledgered and put in messages.
  if (url.username || url.password)
    return '接口地址不得包含用户名或密码：密钥不随地址保存，由接口对接时另行配置';
  const secret = [...url.searchParams.keys()].find((k) => SECRET_PARAM.test(k));
  if (secret) return `接口地址的查询参数「${secret}」是密钥或令牌：密钥不随地址保存，由接口对接时另行配置`;
  return null;
}

/**
 * The registration as the regulation wants it on file, or a 422 naming every bad field (field names
 * with `prefix`, e.g. 'data.' for a matter transition's data).
 */
export function checkLogicalFields(
  input: Partial<Record<keyof LogicalFields, unknown>>,
  prefix = '',
): LogicalFields {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string) => errors.push({ field: prefix + field, message });
  const endpointUrl = text(input.endpointUrl);
  const urlError = checkUrl(endpointUrl);
  if (urlError) bad('endpointUrl', urlError);
  const method = (input.method ?? 'GET') as LogicalMethod;
  if (!LOGICAL_METHODS.includes(method)) bad('method', '请求方式须为 GET 或 POST');
  const description = text(input.description);
  if (!description) bad('description', '请填写接口说明：提供哪些数据、如何调用');
  else if (description.length > LIMITS.description)
    bad('description', `接口说明不得超过${LIMITS.description}个字符`);
  const legalBasis = text(input.legalBasis);
  if (!legalBasis)
    bad(
      'legalBasis',
      '请填写不允许复制汇聚该数据的法律法规依据：第十八条规定，仅在法律法规不允许复制汇聚时方可逻辑汇聚',
    );
  else if (legalBasis.length < BASIS_MIN)
    bad('legalBasis', `法律法规依据至少${BASIS_MIN}个字，须写明法律法规名称及条款`);
  else if (legalBasis.length > LIMITS.legalBasis)
    bad('legalBasis', `法律法规依据不得超过${LIMITS.legalBasis}个字符`);
  else if (!CITES_LAW.test(legalBasis))
    bad('legalBasis', '法律法规依据须写明禁止复制该数据的法律或法规，如《中华人民共和国××法》第×条');
  const reason = text(input.reason) || null;
  if (reason && reason.length > LIMITS.reason) bad('reason', `逻辑汇聚说明不得超过${LIMITS.reason}个字符`);
  if (errors.length)
    throw ruleViolated('aggregation-logical-invalid', '逻辑汇聚登记信息不符合要求', 'Art. 18', {
      detail: '逻辑汇聚须登记可访问的接口地址、接口说明和不允许复制汇聚的法律法规依据',
      errors,
    });
  return { endpointUrl, method, description, legalBasis, reason };
}
