/**
 * The multipart form of an import upload. Fields come first, then the file, whose bytes are
 * handed on as they arrive (never held whole): so a field after the file would come too late to
 * apply, and is refused rather than silently ignored.
 */
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { sizeText } from '../../imports/read/unreadable.js';
import { IMPORT_TYPE } from '../../imports/startImport.js';
import type { UploadQuery } from '../schemas/imports.js';

export interface UploadForm {
  dryRun: boolean;
  confirmRepeat: boolean;
  notifyEmail: string | null;
  file: MultipartFile;
  /** The file's bytes. Iterating them to the end also checks the size and the rest of the form. */
  bytes: AsyncIterable<Uint8Array>;
}

/** Bytes a form adds around the file (boundaries, part headers, the few small fields). */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The one message for a file over the limit, whether seen from Content-Length or while reading. */
export function tooLarge(limitBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the ${sizeText(limitBytes)} upload limit. Split it into smaller files, or have the administrator raise UPLOAD_LIMIT_MB.`,
    { limitBytes },
  );
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { field, location: 'body' });
}

function flag(name: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  throw invalid(name, `${name} must be true or false; got "${value}"`);
}

function checkType(type: string | undefined): void {
  if (type === IMPORT_TYPE) return;
  throw invalid(
    'type',
    type === undefined
      ? `type is required: send type=${IMPORT_TYPE} as a form field before the file, or as a query parameter`
      : `type "${type}" is not an import type rewardbook accepts; the accepted type is ${IMPORT_TYPE}`,
  );
}

async function* fileBytes(
  file: MultipartFile,
  rest: AsyncIterator<Multipart>,
  limitBytes: number,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of file.file) yield chunk as Buffer;
  // The parser stops at the limit and marks the stream truncated instead of failing it.
  if (file.file.truncated) throw tooLarge(limitBytes);
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    const part = next.value;
    if (part.type === 'file') {
      throw invalid(part.fieldname, 'Send one file per upload; this form has more than one');
    }
    throw invalid(
      part.fieldname,
      `The field ${part.fieldname} comes after the file, too late to apply: send every field before the file part, or as a query parameter`,
    );
  }
}

/** Reads the fields up to the file; the file's bytes are read as `bytes` is iterated. */
export async function readUploadForm(
  request: FastifyRequest,
  query: UploadQuery,
  limitBytes: number,
): Promise<UploadForm> {
  const fields: Record<string, string> = {};
  const parts = request.parts()[Symbol.asyncIterator]();
  for (;;) {
    const next = await parts.next();
    if (next.done) {
      throw invalid(
        'file',
        'The form has no file: add the CSV or .xlsx file as the last part, named file',
      );
    }
    const part = next.value;
    if (part.type === 'file') {
      checkType(fields.type ?? query.type);
      const notifyEmail = fields.notifyEmail ?? query.notifyEmail ?? null;
      if (notifyEmail !== null && (notifyEmail.length > 254 || !EMAIL.test(notifyEmail))) {
        throw invalid('notifyEmail', `notifyEmail "${notifyEmail}" is not an email address`);
      }
      return {
        dryRun: fields.dryRun !== undefined ? flag('dryRun', fields.dryRun) : !!query.dryRun,
        confirmRepeat:
          fields.confirmRepeat !== undefined
            ? flag('confirmRepeat', fields.confirmRepeat)
            : !!query.confirmRepeat,
        notifyEmail,
        file: part,
        bytes: fileBytes(part, parts, limitBytes),
      };
    }
    if (!['type', 'dryRun', 'confirmRepeat', 'notifyEmail'].includes(part.fieldname)) {
      throw invalid(
        part.fieldname,
        `${part.fieldname} is not a field this endpoint accepts; the fields are type, dryRun, confirmRepeat, notifyEmail and file`,
      );
    }
    fields[part.fieldname] = String(part.value).trim();
  }
}
