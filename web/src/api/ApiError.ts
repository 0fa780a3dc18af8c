/** A failed API call, carrying the server's `{ error: { code, message, details } }`. */
export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.issues = Array.isArray(details.issues) ? (details.issues as FieldIssue[]) : [];
  }

  /** For 409 VERSION_CONFLICT: the version the server now holds. */
  get currentVersion(): number | undefined {
    const value = this.details.currentVersion;
    return typeof value === 'number' ? value : undefined;
  }

  get isConflict(): boolean {
    return this.code === 'VERSION_CONFLICT';
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
