/**
 * The HTTP server: the JSON API under /api/v1 (tenant API key required), its OpenAPI document
 * at /api/docs, /health and /metrics (Prometheus). Built, not started: the caller decides when
 * to `listen`.
 */
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import { serverLoggerOptions, type LogDestination } from '../ops/logging.js';
import { setUpServerMetrics } from '../ops/serverMetrics.js';
import { setUpAuthentication } from './auth.js';
import { handleFrameworkError, registerErrorHandling } from './errorHandler.js';
import { registerJsonParser } from './jsonBody.js';
import { registerOpenApi } from './openapi.js';
import type { ApiRouteOptions } from './routeOptions.js';
import { adminRoutes } from './routes/admins.js';
import { apiKeyRoutes } from './routes/apiKeys.js';
import { balanceRoutes } from './routes/balances.js';
import { downloadRoutes } from './routes/downloads.js';
import { exportRoutes } from './routes/exports.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { importRoutes } from './routes/imports.js';
import { outboxRoutes } from './routes/outbox.js';
import { participantRoutes } from './routes/participants.js';
import { programRoutes } from './routes/programs.js';
import { redemptionRoutes } from './routes/redemptions.js';
import { rewardRoutes } from './routes/rewards.js';
import { rootRoutes } from './routes/root.js';
import { unitRoutes } from './routes/units.js';
import { errorSchema } from './schemas/common.js';
import { registerWebApp } from './session/registerWebApp.js';
import { validatorCompiler } from './validation.js';

export interface BuildServerOptions {
  handle: DatabaseHandle;
  config: Config;
  /** Fastify logger options; by default, JSON logs at the configured LOG_LEVEL, secrets censored. */
  logger?: boolean | object;
  /** Where the default logger writes (standard output when absent). */
  logStream?: LogDestination;
}

/** The route modules of /api/v1, each behind authentication. */
const API_ROUTES: FastifyPluginAsync<ApiRouteOptions>[] = [
  participantRoutes,
  rewardRoutes,
  balanceRoutes,
  redemptionRoutes,
  unitRoutes,
  programRoutes,
  importRoutes,
  adminRoutes,
  apiKeyRoutes,
  exportRoutes,
  outboxRoutes,
];

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { handle, config } = options;
  const app = Fastify({
    logger: options.logger ?? serverLoggerOptions(config.logLevel, options.logStream),
    frameworkErrors: handleFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  // The API speaks JSON only; a text body is refused as unreadable rather than half-read.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);
  app.addSchema(errorSchema);
  registerErrorHandling(app);
  const metrics = setUpServerMetrics(app, handle.db);
  setUpAuthentication(app, handle.db);
  await registerOpenApi(app, config);
  await registerWebApp(app, { db: handle.db, config });

  const api: FastifyPluginAsync = async (scope) => {
    scope.addHook('onRequest', (request) => app.authenticate(request));
    for (const routes of API_ROUTES)
      await scope.register(routes, { db: handle.db, handle, config });
  };
  await app.register(api, { prefix: '/api/v1' });
  await app.register(healthRoutes, { handle });
  await app.register(metricsRoutes, { metrics, config });
  // Signed links carry their own authority: no API key, no session.
  await app.register(downloadRoutes, { db: handle.db, handle, config });
  await app.register(rootRoutes);
  return app;
}
