/**
 * Request validation. Bodies are checked strictly: no type coercion (an amount sent as the JSON
 * number 10.5 is refused, so floats never reach the ledger) and no silently dropped fields (a
 * misspelt `programld` would otherwise redeem across all programs). Query strings, path
 * parameters and headers arrive as text, so those are coerced (`limit=50` becomes 50).
 */
import { Ajv, type Options } from 'ajv';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

const COMMON: Options = { allErrors: false, verbose: true, useDefaults: true };
const bodyAjv = new Ajv({ ...COMMON, coerceTypes: false, removeAdditional: false });
const textAjv = new Ajv({ ...COMMON, coerceTypes: true, removeAdditional: false });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  httpPart === 'body' ? bodyAjv.compile(schema) : textAjv.compile(schema);

interface VerboseError extends FastifySchemaValidationError {
  parentSchema?: { description?: string; examples?: unknown[] };
  data?: unknown;
}

const LOCATION: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'headers',
};

/** `/rewards/0/amount` → `rewards[0].amount`. */
function fieldPath(location: string, instancePath: string, child?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof child === 'string') parts.push(child);
  let path = location;
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  return path;
}

function expectation(error: VerboseError): string {
  const p = error.params;
  const example = error.parentSchema?.examples?.[0];
  const suffix = example === undefined ? '' : `, such as ${JSON.stringify(example)}`;
  switch (error.keyword) {
    case 'type':
      return `must be ${/^[aeiou]/.test(String(p.type)) ? 'an' : 'a'} ${String(p.type)}${suffix}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'pattern':
    case 'format':
      return `is not valid: ${error.parentSchema?.description ?? error.message ?? 'wrong format'}${suffix}`;
    default:
      return `${error.message ?? 'is not valid'}${suffix}`;
  }
}

/** A message that names the field and says what it expects, with details for programs. */
export function describeValidationError(
  errors: readonly FastifySchemaValidationError[],
  context: string | undefined,
): { message: string; details: Record<string, unknown> } {
  const error = errors[0] as VerboseError | undefined;
  const location = LOCATION[context ?? 'body'] ?? 'body';
  if (!error) return { message: `The ${location} is not valid`, details: { location } };
  const p = error.params;
  let field: string;
  let message: string;
  if (error.keyword === 'required') {
    field = fieldPath(location, error.instancePath, p.missingProperty);
    message = `${field} is required`;
  } else if (error.keyword === 'additionalProperties') {
    field = fieldPath(location, error.instancePath, p.additionalProperty);
    message = `${field} is not a field this endpoint accepts; check its spelling or remove it`;
  } else {
    field = fieldPath(location, error.instancePath);
    message = `${field} ${expectation(error)}`;
  }
  return {
    message,
    details: { field, location, keyword: error.keyword, params: error.params },
  };
}
