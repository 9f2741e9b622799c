import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../errorHandler.js';
import { rootRoutes } from './root.js';

async function appServing(distDir: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  await app.register(rootRoutes, { distDir });
  return app;
}

describe('the web app at /', () => {
  let dir: string;
  let built: FastifyInstance;
  let unbuilt: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rewardbook-web-'));
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'dist', 'favicon.svg'), '<svg/>');
    built = await appServing(join(dir, 'dist'));
    unbuilt = await appServing(join(dir, 'missing'));
  });

  afterAll(async () => {
    await built.close();
    await unbuilt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and at app paths, revalidated, with a strict CSP', async () => {
    for (const url of ['/', '/participants/acct%2F1/u1', '/imports/7?outcome=error']) {
      const reply = await built.inject({ url });
      expect(reply.statusCode, url).toBe(200);
      expect(reply.body).toContain('<title>app</title>');
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
      expect(reply.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('keeps hashed assets a year, and 404s missing files and API paths', async () => {
    const asset = await built.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await built.inject({ url: '/favicon.svg' })).headers['cache-control']).toBe('no-cache');
    const missing = await built.inject({ url: '/assets/gone-1.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const api = await built.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.message).toContain('/api/v1/nothing-here');
    expect((await built.inject({ url: '/../package.json' })).statusCode).toBe(404);
    expect((await built.inject({ url: '/%2e%2e/%2e%2e/package.json' })).statusCode).toBe(404);
  });

  it('says how to build the app when web/dist is missing', async () => {
    const reply = await unbuilt.inject({ url: '/participants' });
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['content-type']).toContain('text/html');
    expect(reply.body).toContain('npm run build');
  });
});
