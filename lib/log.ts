// One pino root logger. Requests get a child with request id, IP, user agent and actor. We log
// ids and outcomes, never bodies; credentials are redacted here so no caller can forget.
import pino, { type Logger } from "pino";

export const REDACT_PATHS = [
  "authorization",
  "cookie",
  "password",
  "secret",
  "clientSecret",
  "client_secret",
  "licenseKey",
  "key",
  "token",
  "accessToken",
  "access_token",
  "refresh_token",
  "id_token",
  "databaseUrl",
  "*.authorization",
  "*.cookie",
  "*.password",
  "*.secret",
  "*.clientSecret",
  "*.client_secret",
  "*.licenseKey",
  "*.token",
  "*.accessToken",
  "*.access_token",
  "*.databaseUrl",
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
];

// Secret-shaped substrings that can hide inside free text such as error messages.
const SECRET_PATTERNS: RegExp[] = [
  /(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+@/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /\bTG(?:-[A-Z0-9]{5}){5}\b/g, // license keys (lib/licensing key format)
  /\btgs_[A-Za-z0-9_-]{16,}\b/g, // client secrets
];

export function scrubText(text: string): string {
  return SECRET_PATTERNS.reduce(
    (out, pattern) => out.replace(pattern, (_m, prefix?: string) => `${typeof prefix === "string" ? prefix : ""}[Redacted]`),
    text,
  );
}

export function createLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "tollgate" },
      redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      serializers: {
        err: (err: Error) => ({ type: err.name, message: scrubText(err.message), stack: err.stack && scrubText(err.stack) }),
      },
    },
    destination,
  );
}

export const log: Logger = createLogger();

export interface RequestLogFields {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  actorId?: string | null;
}

export function requestLogger(fields: RequestLogFields, parent: Logger = log): Logger {
  return parent.child({
    requestId: fields.requestId,
    ip: fields.ip,
    userAgent: fields.userAgent,
    ...(fields.actorId ? { actorId: fields.actorId } : {}),
  });
}
