// RFC 9457 (problem+json) rendering of the application's one error class.
import { AppError, ERROR_TITLES, type ErrorCode, type FieldError } from "@/lib/errors/app-error";

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
    title: ERROR_TITLES[error.code],
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
