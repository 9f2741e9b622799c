import type { Config } from '../config/config.js';
import type { DatabaseHandle, Db } from '../db/database.js';

/**
 * What every route module under /api/v1 receives. To add one (exports, imports, outbox…), export
 * a `FastifyPluginAsync<ApiRouteOptions>` and list it in API_ROUTES in server.ts: it then runs
 * behind authentication (read the caller with `authOf(request)`) and the one error handler.
 */
export interface ApiRouteOptions {
  db: Db;
  handle: DatabaseHandle;
  config: Config;
}
