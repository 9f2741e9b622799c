/**
 * The JSON body parser: Fastify's own (prototype poisoning refused), behind a check that the
 * body is UTF-8. Fastify would otherwise decode each invalid byte as U+FFFD (�) and the ledger
 * would keep a name such as "M�ller" as if it had been sent; a body in another encoding is
 * refused instead.
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.js';

/** Replaces the application/json parser; call on the root instance before routes. */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(
        new AppError(
          'MALFORMED_REQUEST',
          'The request body is not valid UTF-8; send JSON encoded as UTF-8 (the only encoding JSON allows between systems)',
        ),
        undefined,
      );
      return;
    }
    parse(request, bytes.toString('utf8'), done);
  });
}
