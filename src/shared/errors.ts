/** Error codes that cross the boundary between the back end and the window. */
export const errorCodes = [
  'VALIDATION',
  'LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'MUST_CHANGE_PASSWORD',
  'VAULT',
  'NEWER_DATABASE',
  'UNKNOWN_ROUTE',
  'BAD_SENDER',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** field path (dot separated) → message, for errors the user can fix in a form */
  fields?: Record<string, string>;
  /** seconds to wait, with RATE_LIMITED */
  retryAfter?: number;
  /** a reference to quote to support, with INTERNAL; the details are in the log */
  reference?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
