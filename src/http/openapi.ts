/**
 * The OpenAPI document, generated from the route schemas, and its browsable form: the UI at
 * /api/docs and the JSON at /api/docs/json.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';

const DESCRIPTION = `The rewardbook ledger API. Authenticate with a tenant API key:
\`Authorization: Bearer rbk_…\` (create one with \`rewardbook api-keys create\`).
Amounts are display strings in the unit's decimals (\`"10.50"\`), never JSON numbers; times are
ISO 8601. Every error has the shape \`{ "error": { "code", "message", "details" } }\`.`;

export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'rewardbook', version: '1', description: DESCRIPTION },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'A tenant API key, rbk_…' },
        },
      },
      security: [{ apiKey: [] }],
    },
    // Shared schemas keep their own names (Error) instead of def-0.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
