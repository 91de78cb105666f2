// The one error class of the application, with its code → status map. It lives below the HTTP
// layer so that domain operations can refuse without depending on how a refusal is rendered
// (lib/http/problem.ts renders it as RFC 9457 problem+json).

export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  validation_failed: "Validation failed",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  gone: "Gone",
  precondition_failed: "Precondition failed",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  range_not_satisfiable: "Range not satisfiable",
  unprocessable: "Unprocessable content",
  rate_limited: "Too many requests",
  internal: "Internal server error",
  unavailable: "Service unavailable",
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  // Set by the one function that wrote this refusal to the audit trail (markAudited), so that the
  // guard chain's error mapper does not record the same refusal twice.
  audited = false;
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_TITLES[code],
    readonly extra: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      [key: string]: unknown;
    } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_CODES[code];
  }
}

// Marks a refusal as written to the audit trail. Only the writer of the audit row calls this.
export function markAudited<E extends AppError>(error: E): E {
  error.audited = true;
  return error;
}
