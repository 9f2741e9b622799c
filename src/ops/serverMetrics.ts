import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';
import { databaseCollector } from './databaseMetrics.js';
import { MetricsRegistry } from './metrics.js';
import { recordRequestTimings } from './requestTiming.js';

/**
 * The metrics of one HTTP server: request timings recorded by a hook on `app` (call before the
 * routes are registered) and the database's job and import numbers, read at each scrape.
 */
export function setUpServerMetrics(app: FastifyInstance, db: Db): MetricsRegistry {
  const metrics = new MetricsRegistry();
  metrics.addCollector(databaseCollector(db));
  recordRequestTimings(app, metrics);
  return metrics;
}
