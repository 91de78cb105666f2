// The Tollgate API's OpenAPI document, served at /api/openapi.json and rendered at /docs/api.
import { env } from "@/lib/env";
import { openApiDocument } from "./document";
import { apiRegistry } from "./operations";
import type { JsonSchema } from "./registry";

// The version of the HTTP contract, not of the application.
export const API_VERSION = "1.0.0";

let cached: { serverUrl: string; document: JsonSchema } | undefined;

export function apiDocument(): JsonSchema {
  const serverUrl = env().APP_URL;
  if (cached?.serverUrl !== serverUrl) {
    cached = {
      serverUrl,
      document: openApiDocument(apiRegistry(), { serverUrl, version: API_VERSION }),
    };
  }
  return cached.document;
}
