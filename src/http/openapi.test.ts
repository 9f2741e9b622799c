import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { useServer } from './testing.js';

const ROUTES: [string, string][] = [
  ['get', '/api/v1/participants'],
  ['get', '/api/v1/participants/{accountId}/{userId}'],
  ['put', '/api/v1/participants/{accountId}/{userId}'],
  ['post', '/api/v1/rewards'],
  ['get', '/api/v1/rewards'],
  ['post', '/api/v1/rewards/bulk'],
  ['get', '/api/v1/rewards/{rewardId}'],
  ['post', '/api/v1/rewards/{rewardId}/cancel'],
  ['post', '/api/v1/rewards/{rewardId}/redeem'],
  ['get', '/api/v1/balances'],
  ['post', '/api/v1/redemptions'],
  ['get', '/api/v1/redemptions'],
  ['get', '/api/v1/redemptions/{id}'],
  ['post', '/api/v1/redemptions/{id}/reverse'],
  ['get', '/api/v1/units'],
  ['put', '/api/v1/units/{code}'],
  ['get', '/api/v1/programs'],
  ['post', '/api/v1/programs'],
  ['get', '/health'],
  ['post', '/api/v1/imports'],
  ['get', '/api/v1/imports'],
  ['get', '/api/v1/imports/{id}'],
  ['get', '/api/v1/imports/{id}/rows'],
  ['get', '/api/v1/imports/{id}/files/{kind}'],
  ['post', '/api/v1/imports/{id}/reverse'],
  ['get', '/api/session'],
  ['post', '/api/session'],
  ['delete', '/api/session'],
  ['get', '/api/v1/admins'],
  ['post', '/api/v1/admins'],
  ['delete', '/api/v1/admins/{id}'],
  ['get', '/api/v1/api-keys'],
  ['post', '/api/v1/api-keys'],
  ['post', '/api/v1/api-keys/{id}/revoke'],
  ['post', '/api/v1/exports'],
  ['get', '/api/v1/exports'],
  ['get', '/api/v1/exports/{id}'],
  ['post', '/api/v1/exports/{id}/cancel'],
  ['get', '/api/v1/exports/{id}/download'],
  ['get', '/api/v1/outbox'],
  ['get', '/api/v1/outbox/{id}'],
  ['get', '/download'],
];

interface Operation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { description: string }>;
}

describeEachDb('OpenAPI document', (get) => {
  const { server } = useServer(get);

  it('lists every route, each with a summary, described responses and the error shape', async () => {
    const reply = await server().inject({ url: '/api/docs/json' });
    expect(reply.statusCode).toBe(200);
    const doc = reply.json();
    expect(doc.info.title).toBe('rewardbook');
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error).toBeDefined();
    const listed = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => [method, path]),
    );
    expect(listed.sort()).toEqual([...ROUTES].sort());
    for (const [method, path] of ROUTES) {
      const operation = doc.paths[path][method] as Operation;
      expect(operation.summary, `${method} ${path}`).toBeTruthy();
      const success = Object.entries(operation.responses).filter(([status]) =>
        status.startsWith('2'),
      );
      for (const [, response] of success) expect(response.description).not.toBe('Default Response');
      expect(operation.responses['4XX'], `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/download'].get.security).toEqual([]);
    const redeem = doc.paths['/api/v1/redemptions'].post;
    expect(redeem.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false }),
    );
  });

  it('serves the browsable documentation at /api/docs', async () => {
    const ui = await server().inject({ url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});
