/** Route schemas of the web app's session and settings endpoints (validation and OpenAPI). */
import { described, errorResponses, recordId, requiredText, text } from '../schemas/common.js';

const sessionView = {
  type: 'object',
  properties: {
    admin: {
      type: 'object',
      properties: { id: { type: 'integer' }, email: { type: 'string' }, name: { type: 'string' } },
    },
    tenant: {
      type: 'object',
      properties: { slug: { type: 'string' }, name: { type: 'string' } },
    },
    csrfToken: {
      type: 'string',
      description: 'Send it as X-CSRF-Token on every request that changes something.',
    },
    smtpConfigured: {
      type: 'boolean',
      description: 'False: emails are kept in the outbox (GET /api/v1/outbox) instead of sent.',
    },
    expiresAt: { type: 'string', description: 'ISO 8601; the session ends then at the latest.' },
  },
} as const;

export const getSessionSchema = {
  tags: ['session'],
  summary: 'The signed-in admin',
  description:
    'The admin, tenant and CSRF token of the session cookie; 401 when not signed in. For the web app.',
  security: [],
  response: { 200: described(sessionView, 'Signed in.'), ...errorResponses },
} as const;

export const signInSchema = {
  tags: ['session'],
  summary: 'Sign in as an admin',
  description:
    'Checks email and password and sets the HttpOnly session cookie `rb_session`. A wrong email or password answers 401 "Email or password is wrong"; repeated failures answer 429 for a while.',
  security: [],
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'password'],
    properties: {
      email: requiredText("The admin's email.", 'admin@demo.rewardbook.local', 320),
      password: { type: 'string', minLength: 1, maxLength: 1000, examples: ['demo-admin'] },
      tenant: text('The tenant slug; only needed when the email administers several.', 'demo', 63),
    },
  },
  response: { 200: described(sessionView, 'Signed in; the cookie is set.'), ...errorResponses },
} as const;

export const signOutSchema = {
  tags: ['session'],
  summary: 'Sign out',
  description: 'Ends the session of the cookie (send X-CSRF-Token) and clears the cookie.',
  security: [],
  response: { 204: { type: 'null', description: 'Signed out.' }, ...errorResponses },
} as const;

const adminView = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;

const sessionOnly = 'Only for an admin signed in to the web app (403 for an API key).';

export const listAdminsSchema = {
  tags: ['settings'],
  summary: "List the tenant's admins",
  description: sessionOnly,
  response: {
    200: described(
      { type: 'object', properties: { items: { type: 'array', items: adminView } } },
      'The active admins, by email.',
    ),
    ...errorResponses,
  },
} as const;

export const addAdminSchema = {
  tags: ['settings'],
  summary: 'Add an admin',
  description: `Adds an admin who can sign in with the password answered (shown only this once): the one given, or a generated one. ${sessionOnly}`,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['email'],
    properties: {
      email: requiredText("The new admin's email.", 'grace@example.com', 320),
      name: text('A display name; by default the part of the email before @.', 'Grace'),
      password: {
        type: 'string',
        maxLength: 1000,
        description: 'At least 10 characters; empty or absent: generate one.',
      },
    },
  },
  response: {
    201: described(
      {
        type: 'object',
        properties: { admin: adminView, password: { type: 'string' } },
      },
      'Added; the password is shown only in this answer.',
    ),
    ...errorResponses,
  },
} as const;

export const removeAdminSchema = {
  tags: ['settings'],
  summary: 'Remove an admin',
  description: `Removes an admin and ends their sessions. You cannot remove yourself or the last admin (409). ${sessionOnly}`,
  params: {
    type: 'object',
    required: ['id'],
    properties: { id: recordId('The admin id.') },
  },
  response: { 204: { type: 'null', description: 'Removed.' }, ...errorResponses },
} as const;

const apiKeyView = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    prefix: { type: 'string', description: 'The first characters of the key, to tell keys apart.' },
    createdAt: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
  },
} as const;

export const listApiKeysSchema = {
  tags: ['settings'],
  summary: "List the tenant's API keys",
  description: `Active and revoked keys, oldest first; never the keys themselves. ${sessionOnly}`,
  response: {
    200: described(
      { type: 'object', properties: { items: { type: 'array', items: apiKeyView } } },
      'The API keys.',
    ),
    ...errorResponses,
  },
} as const;

export const createApiKeySchema = {
  tags: ['settings'],
  summary: 'Create an API key',
  description: `Creates a key for programs and scripts. The key is in this answer only; it is stored hashed. ${sessionOnly}`,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: requiredText('What the key is for.', 'payroll-sync', 100) },
  },
  response: {
    201: described(
      { type: 'object', properties: { ...apiKeyView.properties, key: { type: 'string' } } },
      'Created; `key` is shown only in this answer.',
    ),
    ...errorResponses,
  },
} as const;

export const revokeApiKeySchema = {
  tags: ['settings'],
  summary: 'Revoke an API key',
  description: `Requests with the key are refused from now on. ${sessionOnly}`,
  params: {
    type: 'object',
    required: ['id'],
    properties: { id: recordId('The API key id.') },
  },
  response: { 200: described(apiKeyView, 'Revoked.'), ...errorResponses },
} as const;
