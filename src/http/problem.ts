import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, type FieldError } from '../kernel/errors.ts';

// Every error leaves as RFC 9457 problem+json with a Chinese title.
function fieldOf(v: { instancePath?: string; params?: Record<string, unknown> }, scope: string): string {
  const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = (v.params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path;
  return path || (Array.isArray(missing) ? missing.join('.') : '') || scope;
}

export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const scope = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors: FieldError[] = err.validation.map((v) => ({
      field: fieldOf(v, scope),
      message: v.message ?? '取值不合法',
    }));
    return new DomainError(400, 'validation-failed', '请求参数不合法', { errors });
  }
  const fe = err as FastifyError;
  if (isResponseSerializationError(err)) return new DomainError(500, 'internal-error', '服务器内部错误');
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new DomainError(415, 'unsupported-media-type', '不支持的内容类型');
  if (
    fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fe instanceof SyntaxError
  ) {
    return new DomainError(400, 'malformed-body', '请求体不是合法的JSON');
  }
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new DomainError(413, 'body-too-large', '请求体过大');
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new DomainError(fe.statusCode, 'bad-request', '请求无法处理', { detail: fe.message });
  }
  // PostgreSQL refusals that reach here are integrity rules the database enforced.
  const pgCode = (err as { code?: string })?.code;
  if (pgCode === '23505')
    return new DomainError(409, 'duplicate', '数据已存在', { detail: '违反唯一性约束' });
  return new DomainError(500, 'internal-error', '服务器内部错误');
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const de = toDomainError(err);
  if (de.status >= 500) req.log.error({ err }, 'unhandled error');
  return reply.code(de.status).type('application/problem+json; charset=utf-8').send(de.toProblem(req.url));
}
