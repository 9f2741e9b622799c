/**
 * The web app at `/`: the files Vite built into web/dist, with every other path that is not the
 * API answered by index.html so that the app's own routes (/participants/…) survive a reload.
 * Hashed files under /assets never change, so browsers keep them a year; index.html is always
 * revalidated so a new build is picked up at once.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { appSecurityHeaders } from '../session/securityHeaders.js';

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rewardbook</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The web app is not built yet</h1>
<p>Run <code>npm run build</code> in the rewardbook folder, then restart the server
(<code>npm start</code> does both).</p>
<p>The API works already: see <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

// API paths never fall back to the app: a wrong API URL must say so in the API's error shape.
const NOT_APP = /^\/(api|health|download)(\/|$|\?)/;

function setCaching(reply: FastifyReply, path: string) {
  reply.header(
    'Cache-Control',
    /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

export const rootRoutes: FastifyPluginAsync<{ distDir?: string }> = async (app, options) => {
  const dist = options.distDir ?? WEB_DIST;
  const built = existsSync(`${dist}/index.html`);
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      for (const [name, value] of Object.entries(appSecurityHeaders)) reply.header(name, value);
    }
    return payload;
  });
  if (built) {
    await app.register(fastifyStatic, {
      root: dist,
      serve: false,
      cacheControl: false,
      setHeaders: (reply, path) => setCaching(reply, path),
    });
  }

  const sendApp = (reply: FastifyReply) => {
    if (!built) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html', dist, { cacheControl: false });
  };

  app.get('/', { schema: { hide: true } }, (_request, reply) => sendApp(reply));
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (NOT_APP.test(path)) return reply.callNotFound();
    const last = path.split('/').pop() ?? '';
    // A path with a file extension asks for a file: a missing one is a 404, not the app.
    if (last.includes('.')) {
      if (!built) return reply.callNotFound();
      return reply.sendFile(decodeURIComponent(path.slice(1)), dist);
    }
    return sendApp(reply);
  });
};
