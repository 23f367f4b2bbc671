// Typed domain errors. The HTTP layer turns each into RFC 9457 problem+json with a Chinese title,
// a stable type URI and, where a rule of the regulation is the cause, the article.
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemOptions {
  detail?: string;
  article?: string;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
}

export const PROBLEM_BASE = 'https://govdata.hlj.gov.cn/problems/';

export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly article?: string;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  constructor(status: number, code: string, title: string, opts: ProblemOptions = {}) {
    super(opts.detail ? `${title}: ${opts.detail}` : title);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = opts.detail;
    this.article = opts.article;
    this.errors = opts.errors;
    this.extra = opts.extra;
  }
  get type(): string {
    return PROBLEM_BASE + this.code;
  }
  toProblem(instance?: string): Record<string, unknown> {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.article ? { article: this.article } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}

export const validationFailed = (errors: FieldError[], opts: Omit<ProblemOptions, 'errors'> = {}) =>
  new DomainError(400, 'validation-failed', '请求参数不合法', { ...opts, errors });
export const ruleViolated = (code: string, title: string, article: string, opts: ProblemOptions = {}) =>
  new DomainError(422, code, title, { ...opts, article });
export const unauthenticated = (detail = '请先登录') =>
  new DomainError(401, 'unauthenticated', '未登录或会话已过期', { detail });
export const forbidden = (detail = '当前账号无权执行此操作') =>
  new DomainError(403, 'forbidden', '无权访问', { detail });
export const notFound = (what: string) =>
  new DomainError(404, 'not-found', '资源不存在', { detail: `${what}不存在` });
export const conflict = (code: string, title: string, opts: ProblemOptions = {}) =>
  new DomainError(409, code, title, opts);
