/**
 * The one way the app talks to the server: JSON in and out, the session cookie sent by the
 * browser, the CSRF token added to every change, and errors in the API's one shape.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;

/** Remembers the CSRF token of the current session (from GET /api/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone, so the app can show the sign-in page. */
export function onSessionEnded(callback: () => void): void {
  onSignedOut = callback;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data instead of body. */
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code: string; message: string; details?: Record<string, unknown> };
    };
    if (body.error) {
      return new ApiError(
        response.status,
        body.error.code,
        body.error.message,
        body.error.details ?? {},
      );
    }
  } catch {
    // Not the API's error shape (a proxy's page, say): described below.
  }
  return new ApiError(
    response.status,
    'HTTP_' + response.status,
    `The server answered ${response.status} ${response.statusText}; try again in a moment`,
    {},
  );
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(path.startsWith('/api') ? path : `/api/v1/${path}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'NETWORK',
      'The server cannot be reached; check your connection and try again',
      {},
    );
  }
}

/** The CSRF token of the session the browser holds now (another tab may have signed in again). */
async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('/api/session', {});
  if (!response.ok) return false;
  const session = (await response.json()) as { csrfToken: string };
  csrfToken = session.csrfToken;
  return true;
}

/** Sends a request; paths not starting with /api are under /api/v1. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(path, options);
  if (response.status === 403 && !response.bodyUsed) {
    const error = await errorOf(response.clone());
    if (error.details.reason === 'csrf' && (await refreshCsrfToken())) {
      response = await send(path, options);
    }
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && !path.startsWith('/api/session')) onSignedOut();
    throw error;
  }
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Query-string of the defined, non-empty values. */
export function query(
  params: Record<string, string | number | boolean | null | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
