// A small OpenAPI 3.1 registry. Operations are declared with the same zod schemas the routes
// validate with, and the document is generated from them (zod 4's JSON Schema output is draft
// 2020-12, which is OpenAPI 3.1's dialect), so the published contract cannot drift from the
// code. Request bodies are rendered as zod *inputs* (what a client may send), responses as
// *outputs* (what the server sends).
import { z, type ZodType } from "zod";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type Security =
  | { kind: "none" }
  // An OAuth2 access token (client credentials grant) holding the scope.
  | { kind: "oauth2"; scope: string }
  // Client authentication at the token endpoint (client_secret_basic or client_secret_post).
  | { kind: "client_credentials" }
  // A customer-portal session cookie.
  | { kind: "customer_session" };

export interface ParameterSpec {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  description: string;
  schema: ZodType;
}

export interface ResponseSpec {
  description: string;
  // Omitted: no body. "problem": application/problem+json with the Problem schema.
  // `ref` names a registered component schema.
  body?: { contentType: string; schema?: ZodType; raw?: JsonSchema; ref?: string } | "problem";
  headers?: Record<string, { description: string; schema?: JsonSchema }>;
}

export interface OperationSpec {
  method: HttpMethod;
  // OpenAPI path template, e.g. /api/downloads/{id}.
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  security: Security[];
  parameters?: ParameterSpec[];
  requestBody?: {
    contentType: string;
    description?: string;
    required?: boolean;
    schema?: ZodType;
    raw?: JsonSchema;
  };
  responses: Record<string, ResponseSpec>;
}

export type JsonSchema = Record<string, unknown>;

// Noise in a document: z.int() bounds every integer by the safe-integer range, and ISO dates
// carry a page-wide regex next to `format: date-time`, which says the same.
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== "object") return value;
  const out: JsonSchema = {};
  const isDateTime = (value as JsonSchema).format === "date-time";
  for (const [key, member] of Object.entries(value)) {
    if (key === "minimum" && member === Number.MIN_SAFE_INTEGER) continue;
    if (key === "maximum" && member === Number.MAX_SAFE_INTEGER) continue;
    if (key === "pattern" && isDateTime) continue;
    out[key] = tidy(member);
  }
  return out;
}

export function toJsonSchema(schema: ZodType, io: "input" | "output"): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  const { $schema: _dialect, ...rest } = generated;
  return tidy(rest) as JsonSchema;
}

export class OpenApiRegistry {
  private readonly operations: OperationSpec[] = [];
  private readonly components = new Map<string, { schema: ZodType; io: "input" | "output" }>();

  register(operation: OperationSpec): this {
    const clash = this.operations.find(
      (o) =>
        o.operationId === operation.operationId ||
        (o.path === operation.path && o.method === operation.method),
    );
    if (clash)
      throw new Error(
        `OpenAPI: ${operation.method.toUpperCase()} ${operation.path} is declared twice`,
      );
    this.operations.push(operation);
    return this;
  }

  component(name: string, schema: ZodType, io: "input" | "output" = "output"): this {
    this.components.set(name, { schema, io });
    return this;
  }

  list(): readonly OperationSpec[] {
    return this.operations;
  }

  componentSchemas(): Record<string, JsonSchema> {
    return Object.fromEntries(
      [...this.components].map(([name, c]) => [name, toJsonSchema(c.schema, c.io)]),
    );
  }
}
