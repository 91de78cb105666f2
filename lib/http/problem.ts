// The one error class of the application and its RFC 9457 (problem+json) rendering.

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

const TITLES: Record<ErrorCode, string> = {
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
  constructor(
    readonly code: ErrorCode,
    message: string = TITLES[code],
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

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  code: ErrorCode;
  errors?: FieldError[];
  [key: string]: unknown;
}

export function problemDocument(
  error: AppError,
  requestId?: string,
  instance?: string,
): ProblemDocument {
  const { headers: _headers, ...extra } = error.extra;
  return {
    type: `https://tollgate.dev/problems/${error.code.replace(/_/g, "-")}`,
    title: TITLES[error.code],
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    code: error.code,
    ...extra,
  };
}

export function problemResponse(error: AppError, requestId?: string, instance?: string): Response {
  return new Response(JSON.stringify(problemDocument(error, requestId, instance)), {
    status: error.status,
    headers: {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      ...(requestId ? { "x-request-id": requestId } : {}),
      ...(error.extra.headers ?? {}),
    },
  });
}
