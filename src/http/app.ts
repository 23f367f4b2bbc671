import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../kernel/context.ts';
import { DomainError } from '../kernel/errors.ts';
import { modules } from '../modules.ts';
import { authPlugin } from './auth-plugin.ts';
import { metricsPlugin } from './metrics.ts';
import { sendProblem } from './problem.ts';

z.config(z.locales.zhCN());

export interface AppOptions {
  ctx: Ctx;
  schemaVersion: string;
  /** Built web app to serve (web/dist); omitted in API tests. */
  webDist?: string;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  // (the cast: pino's Logger type is narrower than Fastify's base logger type)
  const { ctx } = opts;
  const app = Fastify({ loggerInstance: ctx.log, trustProxy: true }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, err));

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '政务数据平台 API',
        version: '1.0.0',
        description: '黑龙江省政务数据平台接口。错误以 RFC 9457 problem+json 返回。',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'govdata_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, { ctx });
  await app.register(metricsPlugin);

  app.get('/api/v1/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get('/healthz', { config: { permission: 'public' }, schema: { hide: true } }, async () => {
    await ctx.db.selectFrom('ledger_event').select('seq').limit(1).execute();
    return { status: 'ok', database: ctx.dbKind, schemaVersion: opts.schemaVersion };
  });

  for (const m of modules) {
    if (m.routes) await app.register(m.routes(ctx), { prefix: '/api/v1' });
  }

  const web = opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html')) ? opts.webDist : null;
  if (web) await app.register(fastifyStatic, { root: web, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !web || req.method !== 'GET') {
      return sendProblem(
        req,
        reply,
        new DomainError(404, 'not-found', '资源不存在', { detail: `${req.method} ${req.url.split('?')[0]}` }),
      );
    }
    // The console and portal are one single-page app: unknown paths get index.html.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  await app.ready();
  return app as unknown as FastifyInstance;
}
