import { type EncodingOption, normalizeEncoding } from './encoding.ts';
import { type JsonOptions, openJson } from './json.ts';
import { ReadError, type RowSource } from './types.ts';

// Art. 18: scheduled pulls from a department's HTTP interface. The body is streamed into the JSON
// reader; a pull is bounded in time and size so a stuck or runaway source cannot hold the loader.

export interface HttpPullOptions {
  url: string;
  headers?: Record<string, string>;
  /** Whole pull, response and body: default 5 minutes. */
  timeoutMs?: number;
  /** Body bytes (as received after decompression): default 1 GiB. */
  maxBytes?: number;
  fetchImpl?: typeof fetch;
  /** JSON reading options; the format defaults from Content-Type (ndjson → NDJSON). */
  json?: Omit<JsonOptions, 'totalBytes'>;
}

export const DEFAULT_PULL_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_PULL_MAX_BYTES = 1024 * 1024 * 1024;

const pullError = (message: string, status = 502) =>
  new ReadError(message, null, { status, code: 'aggregation-pull-failed', title: '数据接口拉取失败' });

function charsetOf(contentType: string): EncodingOption | undefined {
  const m = /charset\s*=\s*"?([\w-]+)/i.exec(contentType);
  if (!m) return undefined;
  try {
    return normalizeEncoding(m[1]);
  } catch {
    return undefined;
  }
}

/** Sends the request and checks the answer; the rows come as the returned source is read. */
export async function openHttpJson(opts: HttpPullOptions): Promise<RowSource> {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw pullError(`接口地址“${opts.url}”不是有效的 URL`, 400);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw pullError(`只支持 http 或 https 接口地址，不支持“${url.protocol}”`, 400);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PULL_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_PULL_MAX_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const stop = () => {
    clearTimeout(timer);
    controller.abort();
  };
  const failure = (err: unknown) => {
    if (timedOut) return pullError(`数据接口在 ${timeoutMs / 1000} 秒内没有完成响应，已中止`, 504);
    if (err instanceof ReadError) return err;
    const cause = (err as { cause?: { code?: string } })?.cause?.code ?? (err as Error)?.message;
    return Object.assign(pullError(`无法从数据接口读取数据（${cause}）`), { cause: err });
  };

  let res: Response;
  try {
    res = await (opts.fetchImpl ?? fetch)(url, {
      headers: { accept: 'application/json, application/x-ndjson', ...opts.headers },
      signal: controller.signal,
      // A redirect could lead past the allow-list of pull hosts (pulls.ts): it is an error instead.
      redirect: 'error',
    });
  } catch (err) {
    stop();
    throw failure(err);
  }
  if (!res.ok) {
    stop();
    throw pullError(`数据接口返回 HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  // Content-Length counts compressed bytes when the body is encoded: no total then.
  const length = Number(res.headers.get('content-length') ?? Number.NaN);
  const totalBytes = Number.isFinite(length) && !res.headers.get('content-encoding') ? length : null;
  const tooLarge = () => pullError(`响应超过 ${maxBytes} 字节的上限，已中止`, 502);
  if (totalBytes !== null && totalBytes > maxBytes) {
    stop();
    throw tooLarge();
  }
  const contentType = res.headers.get('content-type') ?? '';
  const body = res.body;

  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (!body) return;
    const reader = body.getReader();
    let n = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        n += value.byteLength;
        if (n > maxBytes) throw tooLarge();
        yield value;
      }
    } catch (err) {
      throw failure(err);
    } finally {
      stop();
    }
  }

  const format = opts.json?.format ?? (/ndjson|jsonl|json-seq/i.test(contentType) ? 'ndjson' : 'auto');
  const encoding = opts.json?.encoding ?? charsetOf(contentType);
  return openJson(chunks(), { ...opts.json, format, encoding, totalBytes });
}
