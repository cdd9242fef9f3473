/**
 * Errors that cross the UI/back-end boundary: `{kind, message, details}`. `message` is a sentence for the user
 * (what was wrong and what to do); `kind` is for code (tests, UI decisions); `details` carries structured data such
 * as validation problems.
 */
export const API_ERROR_KINDS = [
  'invalid-argument', // the call itself was malformed (wrong types, unknown method): a bug or a hostile caller
  'invalid-preset', // details: Problem[]
  'not-found',
  'read-only',
  'conflict',
  'corrupt-database',
  'newer-database',
  'not-enough-space', // details: { needed, available }
  'job-failed',
  'cancelled',
  'forbidden',
  'internal',
] as const;

export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export interface ApiErrorData {
  kind: ApiErrorKind;
  message: string;
  details?: unknown;
}

/** Thrown by services and by the client proxy; serialised as ApiErrorData across the boundary. */
export class ApiError extends Error implements ApiErrorData {
  readonly kind: ApiErrorKind;
  readonly details?: unknown;
  constructor(kind: ApiErrorKind, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.details = details;
  }

  toData(): ApiErrorData {
    return this.details === undefined ? { kind: this.kind, message: this.message } : { kind: this.kind, message: this.message, details: this.details };
  }

  static fromData(d: ApiErrorData): ApiError {
    return new ApiError(d.kind, d.message, d.details);
  }
}

export function isApiErrorData(v: unknown): v is ApiErrorData {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorData).message === 'string'
    && (API_ERROR_KINDS as readonly string[]).includes((v as ApiErrorData).kind);
}
