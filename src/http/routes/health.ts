import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { DatabaseHandle } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { errorResponses } from '../schemas/common.js';

const healthSchema = {
  tags: ['health'],
  summary: 'Liveness and database check',
  description: 'Answers 200 when the database answers a trivial query. Needs no API key.',
  security: [],
  response: {
    200: {
      type: 'object',
      description: 'The server and its database answer.',
      properties: {
        status: { type: 'string', enum: ['ok'] },
        database: { type: 'string', enum: ['sqlite', 'postgres'] },
      },
    },
    ...errorResponses,
  },
} as const;

export const healthRoutes: FastifyPluginAsync<{ handle: DatabaseHandle }> = async (
  app,
  { handle },
) => {
  app.get('/health', { schema: healthSchema }, async (request) => {
    try {
      await sql`select 1`.execute(handle.db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: database did not answer');
      throw new AppError('INTERNAL', 'The database did not answer; see the server log');
    }
    return { status: 'ok', database: handle.dialect };
  });
};
