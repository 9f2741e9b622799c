import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../domain/errors.js';
import {
  ensureProgram,
  findProgram,
  listPrograms,
  type ProgramRow,
} from '../../ledger/programs.repository.js';
import { authOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import { createProgramSchema, listProgramsSchema } from '../schemas/catalog.js';

function presentProgram(program: ProgramRow) {
  return { programId: program.code, name: program.name };
}

export const programRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.get('/programs', { schema: listProgramsSchema }, async (request) => {
    const programs = await listPrograms(db, authOf(request).tenantId);
    return { items: programs.map(presentProgram) };
  });

  app.post<{ Body: { programId: string; name?: string } }>(
    '/programs',
    { schema: createProgramSchema },
    async (request, reply) => {
      const { tenantId } = authOf(request);
      const programId = request.body.programId.trim();
      const name = request.body.name?.trim() || programId;
      const existing = await findProgram(db, tenantId, programId);
      if (existing && existing.name !== name) {
        throw new AppError(
          'DUPLICATE',
          `Program "${programId}" already exists with the name "${existing.name}"; choose another programId`,
          { programId, name: existing.name },
        );
      }
      const program = existing ?? (await ensureProgram(db, tenantId, programId, name));
      return reply.status(existing ? 200 : 201).send(presentProgram(program));
    },
  );
};
