/**
 * GET /metrics: the Prometheus scrape endpoint (text format 0.0.4). It shows only aggregate
 * numbers (job counts by kind, import rows applied, request timings by route pattern), never
 * tenant data. Open by default; with METRICS_TOKEN set it wants `Authorization: Bearer <token>`.
 * Left out of the OpenAPI document, which describes the JSON API.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.js';
import { AppError } from '../../domain/errors.js';
import type { MetricsRegistry } from '../../ops/metrics.js';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares digests, so the time taken says nothing about the token's length or prefix. */
function checkToken(request: FastifyRequest, token: string): void {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (presented !== undefined && timingSafeEqual(digest(presented), digest(token))) return;
  throw new AppError(
    'UNAUTHENTICATED',
    'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>, the token set in the server configuration',
  );
}

export const metricsRoutes: FastifyPluginAsync<{
  metrics: MetricsRegistry;
  config: Config;
}> = async (app, { metrics, config }) => {
  app.get(
    '/metrics',
    { schema: { hide: true, summary: 'Prometheus metrics', security: [] } },
    async (request, reply) => {
      if (config.metricsToken) checkToken(request, config.metricsToken);
      const text = await metrics.render();
      return reply.type(PROMETHEUS_CONTENT_TYPE).send(text);
    },
  );
};
