import type { FastifyPluginAsync } from 'fastify';
import { currencyOf } from '../../domain/units.js';
import {
  ensureUnit,
  findUnit,
  listUnits,
  updateUnit,
  type UnitRow,
} from '../../ledger/units.repository.js';
import { authOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import { listUnitsSchema, putUnitSchema } from '../schemas/catalog.js';

function presentUnit(unit: UnitRow) {
  return {
    code: unit.code,
    name: unit.name,
    decimals: unit.decimals,
    currency: currencyOf(unit.code),
  };
}

export const unitRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.get('/units', { schema: listUnitsSchema }, async (request) => {
    const units = await listUnits(db, authOf(request).tenantId);
    return { items: units.map(presentUnit) };
  });

  app.put<{ Params: { code: string }; Body: { name?: string; decimals?: number } | null }>(
    '/units/:code',
    { schema: putUnitSchema },
    async (request, reply) => {
      const { tenantId } = authOf(request);
      const { code } = request.params;
      const changes = request.body ?? {};
      const unit = await db.transaction().execute(async (trx) => {
        const existed = (await findUnit(trx, tenantId, code)) !== undefined;
        await ensureUnit(trx, tenantId, code);
        return { existed, row: await updateUnit(trx, tenantId, code, changes) };
      });
      return reply.status(unit.existed ? 200 : 201).send(presentUnit(unit.row));
    },
  );
};
