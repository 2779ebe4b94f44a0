import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the web app: dist/app, seen from src/ (development) or from the compiled dist/server/. */
export const webAppDir = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/app/' : '../app/', import.meta.url));

/**
 * The web app at `/app`: the built files, and `index.html` for every other path under it, so
 * a reload on `/app/orders/…` opens the same view. `/` sends browsers there.
 */
export async function webAppRoutes(app: FastifyInstance, options: { dir?: string; demo?: boolean } = {}) {
  const dir = options.dir ?? webAppDir;
  const built = existsSync(`${dir}index.html`);
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/'));
  // What the page needs to know before anyone signs in.
  app.get('/app/settings.json', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send({ demo: Boolean(options.demo) }),
  );
  if (!built) {
    const notBuilt = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.code(503).send({ error: { code: 'web_app_not_built', message: 'The web app has not been built; run "npm run build" (or "npm run build:app" alone) and reload.' } });
    app.get('/app', { config: { public: true }, schema: { hide: true } }, notBuilt);
    app.get('/app/*', { config: { public: true }, schema: { hide: true } }, notBuilt);
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/app/',
    index: false,
    wildcard: false,
    // The build writes .br and .gz beside each file (vite.config.ts).
    preCompressed: true,
    // Hashed file names under assets/ never change; index.html must always be fetched again.
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The body depends on Accept-Encoding (preCompressed): shared caches must keep them apart.
      res.setHeader('vary', 'accept-encoding');
    },
    schemaHide: true,
  });
  const shell = (request: FastifyRequest, reply: FastifyReply) => {
    // A missing bundle file is a 404, not the page: a stale index.html must not load as a script.
    if (request.url.startsWith('/app/assets/')) {
      return reply.code(404).send({ error: { code: 'route_not_found', message: `There is no file ${request.url.split('?')[0]}; reload the app.` } });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', dir);
  };
  app.get('/app', { config: { public: true }, schema: { hide: true } }, shell);
  app.get('/app/*', { config: { public: true }, schema: { hide: true } }, shell);
}
