/**
 * Fetch wrapper for the govdata API.
 *
 * - Sessions live in an HttpOnly cookie set by login; every request sends cookies.
 * - Writes (non-GET) send `X-CSRF-Token` with the value of the readable `govdata_csrf` cookie.
 * - Errors are RFC 9457 problem+json and are thrown as {@link ApiError}.
 * - 401 sends the user to /login; 403 `…password-change-required` sends to /console/password.
 */

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  article?: number | string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}：${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

const CSRF_COOKIE = 'govdata_csrf';
const CSRF_HEADER = 'X-CSRF-Token';
const PASSWORD_CHANGE_PATH = '/console/password';
const LOGIN_PATH = '/login';

const STATUS_TITLES: Record<number, string> = {
  400: '请求有误',
  401: '未登录或登录已过期',
  403: '无权执行此操作',
  404: '请求的资源不存在',
  409: '数据冲突',
  413: '提交的内容过大',
  422: '提交的内容无法处理',
  423: '账号已锁定',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误',
  502: '服务暂不可用',
  503: '服务暂不可用',
  504: '服务响应超时',
};

type Redirect = (path: string) => void;

let redirect: Redirect = (path) => window.location.assign(path);

/** Lets the router take over redirects (so they do not reload the page). */
export function setRedirectHandler(handler: Redirect): void {
  redirect = handler;
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function isPasswordChangeRequired(problem: Problem): boolean {
  return problem.status === 403 && problem.type.endsWith('password-change-required');
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Set false where a 401/403 must be shown in place (login form, public pages). */
  redirectOnAuth?: boolean;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function fallbackProblem(status: number, detail?: string): Problem {
  return {
    type: 'about:blank',
    title: STATUS_TITLES[status] ?? `请求失败（${status}）`,
    status,
    detail,
  };
}

async function readProblem(res: Response): Promise<Problem> {
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      return {
        ...body,
        type: typeof body.type === 'string' ? body.type : 'about:blank',
        title: body.title || STATUS_TITLES[res.status] || `请求失败（${res.status}）`,
        status: typeof body.status === 'number' ? body.status : res.status,
      };
    } catch {
      // fall through to a generic problem
    }
  }
  return fallbackProblem(res.status);
}

function handleAuthRedirect(problem: Problem): void {
  const here = window.location.pathname;
  if (problem.status === 401 && here !== LOGIN_PATH) {
    const next = here.startsWith('/console')
      ? `?next=${encodeURIComponent(here + window.location.search)}`
      : '';
    redirect(`${LOGIN_PATH}${next}`);
  } else if (isPasswordChangeRequired(problem) && here !== PASSWORD_CHANGE_PATH) {
    redirect(PASSWORD_CHANGE_PATH);
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({
      type: 'about:blank',
      title: '无法连接服务器',
      status: 0,
      detail: '请检查网络连接后重试。',
    });
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    if (options.redirectOnAuth !== false) handleAuthRedirect(problem);
    throw new ApiError(problem);
  }
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'method' | 'query'>) =>
    request<T>(path, { ...options, query, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, body, method: 'POST' }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, body, method: 'PUT' }),
};

/** Turns anything thrown by a request into a Problem for display. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem;
  return {
    type: 'about:blank',
    title: '发生意外错误',
    status: 0,
    detail: err instanceof Error ? err.message : String(err),
  };
}
