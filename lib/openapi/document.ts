// Renders a registry as an OpenAPI 3.1 document.
import { PERMISSIONS } from "@/lib/authz/permissions";
import {
  toJsonSchema,
  type JsonSchema,
  type OpenApiRegistry,
  type OperationSpec,
  type ResponseSpec,
  type Security,
} from "./registry";

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };

function security(list: readonly Security[]): Record<string, string[]>[] {
  return list.map((s): Record<string, string[]> => {
    switch (s.kind) {
      case "none":
        return {};
      case "oauth2":
        return { oauth2: [s.scope] };
      case "client_credentials":
        return { clientSecretBasic: [] };
      case "customer_session":
        return { customerSession: [] };
    }
  });
}

function response(spec: ResponseSpec): JsonSchema {
  const out: JsonSchema = { description: spec.description };
  if (spec.headers) {
    out.headers = Object.fromEntries(
      Object.entries(spec.headers).map(([name, h]) => [
        name,
        { description: h.description, schema: h.schema ?? { type: "string" } },
      ]),
    );
  }
  if (spec.body === "problem")
    out.content = { "application/problem+json": { schema: PROBLEM_REF } };
  else if (spec.body) {
    const { schema: zod, raw, ref } = spec.body;
    const schema = ref
      ? { $ref: `#/components/schemas/${ref}` }
      : zod
        ? toJsonSchema(zod, "output")
        : (raw ?? {});
    out.content = { [spec.body.contentType]: { schema } };
  }
  return out;
}

function operation(op: OperationSpec): JsonSchema {
  const out: JsonSchema = {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    security: security(op.security),
  };
  if (op.parameters?.length) {
    out.parameters = op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.in === "path" ? true : (p.required ?? false),
      description: p.description,
      schema: toJsonSchema(p.schema, "input"),
    }));
  }
  if (op.requestBody) {
    const { contentType, schema, raw, description, required } = op.requestBody;
    out.requestBody = {
      required: required ?? true,
      ...(description ? { description } : {}),
      content: { [contentType]: { schema: schema ? toJsonSchema(schema, "input") : (raw ?? {}) } },
    };
  }
  out.responses = Object.fromEntries(
    Object.entries(op.responses).map(([status, spec]) => [status, response(spec)]),
  );
  return out;
}

export function openApiDocument(
  registry: OpenApiRegistry,
  options: { serverUrl: string; version: string },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of registry.list()) {
    paths[op.path] = { ...paths[op.path], [op.method]: operation(op) };
  }
  const tokenUrl = new URL("/api/oauth/token", options.serverUrl).toString();
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Tollgate API",
      version: options.version,
      description:
        "License-gated software updates. Update agents authenticate with the OAuth2 client credentials grant, " +
        "ask POST /api/update what to run, and download over signed, expiring URLs. Errors are " +
        "application/problem+json (RFC 9457), except at the token endpoint, which answers RFC 6749 §5.2 errors.",
    },
    servers: [{ url: options.serverUrl }],
    tags: [...new Set(registry.list().map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: registry.componentSchemas(),
      securitySchemes: {
        oauth2: {
          type: "oauth2",
          description: "Access tokens from the client credentials grant (short-lived EdDSA JWTs).",
          flows: {
            clientCredentials: {
              tokenUrl,
              scopes: Object.fromEntries(
                (
                  [
                    "update:check",
                    "update:download",
                    "releases:write",
                    "artifacts:write",
                    "releases:publish",
                    "releases:yank",
                  ] as const
                ).map((scope) => [scope, PERMISSIONS[scope]]),
              ),
            },
          },
        },
        clientSecretBasic: {
          type: "http",
          scheme: "basic",
          description:
            "client_secret_basic at the token endpoint; client_secret_post (in the form body) is accepted too.",
        },
        customerSession: {
          type: "apiKey",
          in: "cookie",
          name: "tollgate.session",
          description:
            "A customer-portal session (downloads started from the portal); `__Host-tollgate.session` over https.",
        },
      },
    },
  };
}
