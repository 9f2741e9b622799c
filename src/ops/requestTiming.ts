/** Times every HTTP request into the server's metrics, labelled so that cardinality stays bounded. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MetricsRegistry } from './metrics.js';

/** Seconds; from 1 ms (a cached read) to 10 s (a large bulk call). */
export const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/**
 * The labels of a request: its method, the route pattern it matched (`/api/v1/redemptions/:id`,
 * never the raw URL, which carries ids and query strings) and its status class (`2xx`).
 */
export function requestLabels(request: FastifyRequest, reply: FastifyReply) {
  return {
    method: request.method,
    route: request.routeOptions.url ?? 'unmatched',
    status: `${Math.floor(reply.statusCode / 100)}xx`,
  };
}

/** Adds an onResponse hook observing each request's duration and counting it. */
export function recordRequestTimings(app: FastifyInstance, metrics: MetricsRegistry): void {
  const duration = metrics.histogram(
    'rewardbook_http_request_duration_seconds',
    'Time from receiving an HTTP request to sending its response, by method, route pattern and status class.',
    LATENCY_BUCKETS,
  );
  const total = metrics.counter(
    'rewardbook_http_requests_total',
    'HTTP requests answered, by method, route pattern and status class.',
  );
  app.addHook('onResponse', (request, reply, done) => {
    const labels = requestLabels(request, reply);
    duration.observe(labels, reply.elapsedTime / 1000);
    total.inc(labels);
    done();
  });
}
