/**
 * Every route a built server answers, read from Fastify's own route tree, so that tests which
 * must cover every endpoint notice one added later.
 */
import type { FastifyInstance } from 'fastify';

export interface ServerRoute {
  method: string;
  /** As registered, with `:name` parameters: `/api/v1/rewards/:rewardId/cancel`. */
  path: string;
}

/**
 * Parses `printRoutes({ commonPrefix: false })`, a tree whose lines read `├── segment (GET, HEAD)`
 * indented four characters a level; a route's path is its segments joined down the tree.
 */
export function listRoutes(app: FastifyInstance): ServerRoute[] {
  const routes: ServerRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, path });
    }
  }
  return routes;
}

/** The routes under /api/ (the JSON API and sign-in), without the OpenAPI document's own. */
export function apiRoutes(app: FastifyInstance): ServerRoute[] {
  return listRoutes(app).filter(
    (route) => route.path.startsWith('/api/') && !route.path.startsWith('/api/docs'),
  );
}

/** `METHOD /path`, the key tests use to name a route. */
export function routeKey(route: ServerRoute): string {
  return `${route.method} ${route.path}`;
}

/** The path with each `:name` replaced by `values[name]`; throws for a parameter not given. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the path parameter :${name} of ${path}`);
    return encodeURIComponent(value);
  });
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
}

/** Whether the OpenAPI document gives the route a JSON body (others ignore what is sent). */
export function takesJsonBody(app: FastifyInstance, route: ServerRoute): boolean {
  const doc = app.swagger() as unknown as OpenApiDocument;
  const operation = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  return operation?.requestBody?.content?.['application/json'] !== undefined;
}
