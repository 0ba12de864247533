import type { ApiError, ErrorCode } from '../shared/errors';

/** An error the user can understand and act on. Its message is shown as it is, so it never holds personal data. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ApiError, 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION', message, { fields: { [field]: message } });
