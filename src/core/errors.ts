/**
 * The one error model of Rapport. Every failure a user can meet is an `AppError`
 * with a code from a closed list; the HTTP layer turns it into
 * `{ error: { code, message, details } }` with the status below, and the CLI
 * prints the message and exits non-zero.
 */

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_REJECTED: 403,
  HOST_NOT_ALLOWED: 421,
  SIGN_UP_CLOSED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  ALREADY_SET_UP: 409,
  INVALID_REFERENCE: 422,
  IMPORT_MALFORMED: 422,
  IMPORT_HEADER_NOT_FOUND: 422,
  RESTORE_REFUSED: 409,
  STAGE_TRANSITION_REFUSED: 409,
  ONCE_IS_ENOUGH: 409,
  MAIL_NOT_POSSIBLE: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A field-level problem: which input was wrong and why, in words a person understands. */
export interface FieldIssue {
  field: string;
  message: string;
}

export interface ErrorDetails {
  issues?: FieldIssue[];
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found.`);
}

export function validationFailed(issues: FieldIssue[]): AppError {
  const first = issues[0];
  const message =
    issues.length === 1 && first
      ? `${first.field}: ${first.message}`
      : `${issues.length} fields are invalid: ${issues.map((i) => i.field).join(', ')}.`;
  return new AppError('VALIDATION_FAILED', message, { issues });
}

export function versionConflict(what: string, currentVersion: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    `This ${what} was changed elsewhere since you opened it. Reload it and apply your edit again.`,
    { currentVersion },
  );
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetails };
}
