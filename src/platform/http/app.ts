import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { accountRoutes } from '../accounts/routes.ts';
import { authenticate } from '../accounts/authenticate.ts';
import { cookieSecurity, mirrorSignedInHint, setSessionCookie } from '../accounts/sessions.ts';
import { auditRoutes } from '../audit/routes.ts';
import type { Platform } from '../context.ts';
import { fileRoutes } from '../files/routes.ts';
import { jobRoutes } from '../jobs/routes.ts';
import type { Actor } from '../policy/index.ts';
import { setupRoutes } from '../setup/routes.ts';
import { sendProblem } from './errors.ts';
import { healthRoutes } from './health.ts';
import { Problem } from './problems.ts';
import {
  contentSecurityPolicy,
  markRoutesPublic,
  permissionsPolicy,
  refuseAnonymousCaller,
  refuseCrossSiteWrite,
} from './security.ts';
import { refuseUnstorableText } from './text-input.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    authenticatedBy: 'cookie' | 'token' | null;
  }
}

export type VakaApp = FastifyInstance;
export type ModulePlugin = { prefix: string; plugin: FastifyPluginAsync<{ platform: Platform }> };

const JSON_BODY_LIMIT = 1024 * 1024;
// What is worth compressing: JSON, CSV, iCal, HTML, SVG and scripts. Stored PDFs, pictures and
// Office files are compressed formats already, and an unknown binary (octet-stream) likely too.
const compressibleTypes =
  /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)|^application\/javascript|^image\/svg\+xml/;
const requestIdPattern = /^[A-Za-z0-9._-]{8,100}$/;

export async function buildApp(
  platform: Platform,
  modules: ModulePlugin[] = [],
  /** For tests that walk the route table: called for every route as it is declared. */
  options: { onRoute?: (route: RouteOptions) => void } = {},
): Promise<VakaApp> {
  const app = Fastify({
    // pino's Logger is Fastify's logger; the cast only reconciles two packages' declarations of it.
    loggerInstance: platform.logger as FastifyBaseLogger,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: platform.config.trustProxy,
    // A caller's request id is kept when it looks like one, so logs join up across services.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
  });

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // JSON is the API's one body type (multipart only where files are uploaded): anything else is a 415.
  app.removeContentTypeParser('text/plain');
  const notFound = trackRoutesForNotFound(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('permissions-policy', permissionsPolicy);
    // API answers are personal and current: no browser or proxy keeps them, unless a route says it
    // may (the public open-door pages, a calendar feed) by setting its own cache-control.
    if (isApi(request)) reply.header('cache-control', 'no-store');
  });

  // Every cookie is Secure when the public address is https, so it is so behind a TLS proxy
  // whether or not TRUST_PROXY lets Fastify see the protocol; otherwise when the request came over TLS.
  await app.register(cookie, { parseOptions: { secure: cookieSecurity(platform.config) } });
  // Registered before every route, as it hooks each route when it is declared. An answer over 1 KB
  // goes br or gzip to a client that accepts it (a register page's JSON shrinks about five times on
  // a slow link); the web app's files pass through as they are, since @fastify/static already
  // serves the build's .br and .gz copies with their content-encoding set. Request bodies stay as
  // they were: no client of Vaka sends them compressed.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: compressibleTypes,
    globalDecompression: false,
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    crossOriginEmbedderPolicy: false,
  });
  // A general ceiling per address; sign-in has its own, stricter limit kept in the database.
  await app.register(rateLimit, {
    max: platform.config.requestsPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => {
      const error = new Problem(
        'too-many-requests',
        `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        {
          retryAfterSeconds: context.ttl / 1000,
        },
      );
      return Object.assign(error, { statusCode: 429 });
    },
  });

  await registerOpenApi(app);

  app.decorateRequest<Actor | null>('actor', null);
  app.decorateRequest('authenticatedBy', null);
  app.addHook('onRequest', async (request, reply) => {
    if (isApi(request)) {
      const { actor, via, renewCookie } = await authenticate(platform, request);
      if (renewCookie) setSessionCookie(reply, renewCookie);
      request.actor = actor;
      request.authenticatedBy = via;
      if (via !== 'token') refuseCrossSiteWrite(request, platform.config.publicUrl);
    }
    refuseAnonymousCaller(request);
  });
  app.addHook('preValidation', refuseUnstorableText);

  await app.register(healthRoutes, { platform });
  await app.register(
    async (api) => {
      await api.register(setupRoutes, { platform });
      await api.register(accountRoutes, { platform });
      await api.register(auditRoutes, { platform });
      await api.register(jobRoutes, { platform });
      await api.register(fileRoutes, { platform });
      for (const module of modules) await api.register(module.plugin, { platform, prefix: module.prefix });
    },
    { prefix: '/api/v1' },
  );

  await registerWebApp(app, platform);
  notFound.register();
  return app;
}

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vaka API',
        version: '1',
        description: 'Partnerships between agencies and civil society. Errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vaka_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  const { default: apiReference } = await import('@scalar/fastify-api-reference');
  await app.register(async (docs) => {
    markRoutesPublic(docs);
    // The reference page runs its own configuration script; only this page gets the looser policy.
    docs.addHook('onSend', async (_request, reply) => {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'",
      );
    });
    await docs.register(apiReference, {
      routePrefix: '/api/docs',
      configuration: { url: '/api/openapi.json' },
    });
  });
}

async function registerWebApp(app: FastifyInstance, platform: Platform) {
  const root = platform.config.webRoot;
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn(`the web app is not built (${root}); run npm run build`);
    return;
  }
  // The web app's files and its page hold nothing private: the data comes from the API.
  await app.register(async (web) => {
    markRoutesPublic(web);
    await web.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // The build stores .br and .gz beside each text file (scripts/build-web.ts).
      preCompressed: true,
      // Hashed assets never change; index.html and the service worker must always be revalidated.
      setHeaders: (reply, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    web.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      if (file && existsSync(path.join(root, file)) && !file.includes('..')) return reply.sendFile(file);
      if (isApi(request)) throw new Problem('not-found', 'There is no such API endpoint.');
      // A missing hashed asset (an old build's file) is a 404, never the app page with a 200.
      if (file.startsWith('assets/'))
        throw new Problem('not-found', 'This file is not part of the current build.');
      return appPage(request, reply);
    });
    web.get('/', { schema: { hide: true } }, appPage);
  });
}

/** The web app's one page: always revalidated, and it brings the signed-in hint up to date. */
async function appPage(request: FastifyRequest, reply: FastifyReply) {
  mirrorSignedInHint(request, reply);
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}

/** Remembers every route so an unknown method on a known path answers 405 with Allow, not 404. */
function trackRoutesForNotFound(app: FastifyInstance) {
  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*')}$`);
    for (const method of methods) routes.push({ method, pattern });
  });
  const register = () =>
    app.setNotFoundHandler(async (request, reply) => {
      const pathOnly = request.url.split('?')[0] ?? '';
      const allowed = routes.filter(
        (route) =>
          route.method !== request.method && route.pattern.test(pathOnly) && route.pattern.source !== '^/.*$',
      );
      if (allowed.length > 0) {
        reply.header('allow', [...new Set(allowed.map((route) => route.method))].join(', '));
        return sendProblem(
          new Problem('method-not-allowed', `${request.method} is not allowed here.`),
          request,
          reply,
        );
      }
      return sendProblem(new Problem('not-found', `Nothing is at ${pathOnly}.`), request, reply);
    });
  return { register };
}
