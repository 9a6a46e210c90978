/** Stable error codes that cross the API boundary. Pure module: the renderer imports it too. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DEVICE_OFFLINE',
  /** A one-time PIN (first run, new person, reset) must be replaced before anything else. */
  'PIN_CHANGE_REQUIRED',
  /** The session is locked (idle): only the same person's PIN, or signing out, goes on. */
  'SESSION_LOCKED',
  'INTERNAL',
  /** The shop's database server cannot be reached (or dropped the connection mid-call): the
   * write may or may not have landed; retry with the same idempotency key. */
  'UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  /** i18n key under `errors.field.*`, with its params. */
  key: string;
  params?: Record<string, unknown>;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  /** English text; the UI translates `details.key` when it knows it. */
  message: string;
  details?: { key?: string; params?: Record<string, unknown>; issues?: FieldIssue[] } & Record<
    string,
    unknown
  >;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DEVICE_OFFLINE: 503,
  PIN_CHANGE_REQUIRED: 403,
  SESSION_LOCKED: 423,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ApiErrorBody['details'] = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Set when the handler's writes so far must be kept although the call fails
   * (a wrong PIN still counts towards the lockout). */
  keepWrites = false;

  keep(): this {
    this.keepWrites = true;
    return this;
  }

  toJSON(): ApiErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }

  static is(value: unknown): value is ApiErrorBody {
    return (
      typeof value === 'object' &&
      value !== null &&
      ERROR_CODES.includes((value as ApiErrorBody).code) &&
      typeof (value as ApiErrorBody).message === 'string'
    );
  }
}

export const notFound = (what: string, key = 'errors.notFound') =>
  new ApiError('NOT_FOUND', `${what} was not found.`, { key, params: { what } });
export const conflict = (message: string, key: string, params?: Record<string, unknown>) =>
  new ApiError('CONFLICT', message, { key, params });
