/** Helpers for the /imports tests: multipart bodies built by hand, uploads, report files. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.js';
import { REPORT_COLUMNS } from '../../reports/format/columns.js';
import type { Reply } from '../testing.js';

export interface FilePart {
  content: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body: the fields in order, then the file (unless `after` puts fields last). */
export function multipartBody(
  fields: Record<string, string>,
  file: FilePart | null,
  after: Record<string, string> = {},
): { payload: Buffer; contentType: string } {
  const boundary = `----rewardbook${randomBytes(8).toString('hex')}`;
  const pieces: Buffer[] = [];
  const field = (name: string, value: string) =>
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  for (const [name, value] of Object.entries(fields)) field(name, value);
  if (file) {
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename ?? 'balances.csv'}"\r\nContent-Type: ${file.contentType ?? 'text/csv'}\r\n\r\n`,
      ),
      typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content,
      Buffer.from('\r\n'),
    );
  }
  for (const [name, value] of Object.entries(after)) field(name, value);
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(pieces),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const TYPE = { type: 'UPDATE_USER_REWARD_BALANCES' };

/** POSTs a file to /api/v1/imports with `type` and the given fields before it. */
export async function uploadFile(
  app: FastifyInstance,
  apiKey: string,
  file: FilePart,
  fields: Record<string, string> = {},
  options: { url?: string; after?: Record<string, string> } = {},
): Promise<Reply> {
  const body = multipartBody({ ...TYPE, ...fields }, file, options.after);
  const response = await app.inject({
    method: 'POST',
    url: options.url ?? '/api/v1/imports',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': body.contentType },
    payload: body.payload,
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.headers['content-type']?.toString().includes('json')
      ? response.json()
      : response.body,
  };
}

export const REPORT_HEADER = REPORT_COLUMNS.join(',');

export interface ReportLine {
  userId: string;
  accountId?: string;
  programId?: string;
  unit?: string;
  available?: string;
  value: string;
}

/** A report CSV as the export writes it (BOM, CRLF), with the given rows. */
export function reportCsv(rows: ReportLine[]): string {
  const lines = rows.map(
    (r) =>
      `Ann,Lee,ann@example.com,${r.userId},${r.accountId ?? 'acct-1'},${r.programId ?? ''},${r.unit ?? 'CASH/USD'},Cash,USD,${r.available ?? ''},0.00,1,,${r.value}`,
  );
  return '\uFEFF' + [REPORT_HEADER, ...lines].join('\r\n') + '\r\n';
}

/** How many files and imports a tenant has: a refused upload must leave both unchanged. */
export async function storedCounts(db: Db, tenantId: number) {
  const files = await db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const imports = await db
    .selectFrom('imports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return { files: Number(files.n), imports: Number(imports.n) };
}
