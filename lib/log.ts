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
    (out, pattern) =>
      out.replace(
        pattern,
        (_m, prefix?: string) => `${typeof prefix === "string" ? prefix : ""}[Redacted]`,
      ),
    text,
  );
}

const SECRET_KEY =
  /authorization|cookie|password|passwd|secret|token|licen[cs]e_?key|database_?url|private_?key/i;

// Walks a log object: keys that name a credential are redacted at any depth, and strings are
// scrubbed of secret-shaped substrings (a key pasted into a note, a URL inside a message).
export function scrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (value instanceof Error)
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  if (Array.isArray(value)) return value.map((v) => scrubObject(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && v !== null && v !== undefined
        ? "[Redacted]"
        : scrubObject(v, depth + 1);
  }
  return out;
}

export function createLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "tollgate" },
      redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubObject(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // log.error(err) alone would copy the raw message into msg: give it a scrubbed one.
          const [first, ...rest] = args as unknown[];
          const normalized =
            first instanceof Error && rest.length === 0
              ? [{ err: first }, scrubText(first.message)]
              : args;
          method.apply(
            this,
            normalized.map((a) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<
              typeof method
            >,
          );
        },
      },
      serializers: {
        err: (err: Error) => ({
          type: err.name,
          message: scrubText(err.message),
          stack: err.stack && scrubText(err.stack),
        }),
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
