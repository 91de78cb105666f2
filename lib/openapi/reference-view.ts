// The API reference page's data: the published OpenAPI document flattened into what a reader
// scans (method, path, summary, authentication, parameters, schemas as formatted JSON), so the
// page shows exactly what /api/openapi.json says.
import type { JsonSchema } from "./registry";

export interface ReferenceBody {
  contentType: string;
  // Formatted JSON Schema; null for binary content or a reference.
  schema: string | null;
  // The shared schema it refers to (e.g. "Problem").
  ref: string | null;
}

export interface ReferenceResponse {
  status: string;
  description: string;
  bodies: ReferenceBody[];
  headers: { name: string; description: string }[];
}

export interface ReferenceOperation {
  anchor: string;
  tag: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  auth: string[];
  parameters: { name: string; in: string; required: boolean; description: string }[];
  requestBody: ReferenceBody[];
  responses: ReferenceResponse[];
}

const record = (value: unknown): JsonSchema =>
  value && typeof value === "object" ? (value as JsonSchema) : {};
const text = (value: unknown): string => (typeof value === "string" ? value : "");

function describeAuth(security: unknown): string[] {
  if (!Array.isArray(security) || security.length === 0) return ["none"];
  return security.map((entry) => {
    const [scheme, scopes] = Object.entries(record(entry))[0] ?? [];
    if (!scheme) return "none";
    if (scheme === "oauth2") return `OAuth2 bearer token, scope ${(scopes as string[]).join(" ")}`;
    if (scheme === "clientSecretBasic") return "client credentials (HTTP Basic or form)";
    if (scheme === "customerSession") return "customer portal session";
    return scheme;
  });
}

function bodies(content: unknown): ReferenceBody[] {
  return Object.entries(record(content)).map(([contentType, media]) => {
    const schema = record(record(media).schema);
    const ref = text(schema.$ref).replace("#/components/schemas/", "") || null;
    if (ref) return { contentType, schema: null, ref };
    return {
      contentType,
      schema: Object.keys(schema).length ? JSON.stringify(schema, null, 2) : null,
      ref: null,
    };
  });
}

export function referenceOperations(document: JsonSchema): ReferenceOperation[] {
  const out: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(record(document.paths))) {
    for (const [method, raw] of Object.entries(record(item))) {
      const op = record(raw);
      out.push({
        anchor: text(op.operationId) || `${method}-${path}`,
        tag: text((op.tags as unknown[] | undefined)?.[0]) || "API",
        method: method.toUpperCase(),
        path,
        summary: text(op.summary),
        description: text(op.description) || null,
        auth: describeAuth(op.security),
        parameters: ((op.parameters as unknown[] | undefined) ?? []).map((p) => {
          const param = record(p);
          return {
            name: text(param.name),
            in: text(param.in),
            required: param.required === true,
            description: text(param.description),
          };
        }),
        requestBody: bodies(record(op.requestBody).content),
        responses: Object.entries(record(op.responses)).map(([status, r]) => {
          const response = record(r);
          return {
            status,
            description: text(response.description),
            bodies: bodies(response.content),
            headers: Object.entries(record(response.headers)).map(([name, h]) => ({
              name,
              description: text(record(h).description),
            })),
          };
        }),
      });
    }
  }
  return out;
}
