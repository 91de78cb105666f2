// Reading the edge's logs in tests: the ModSecurity audit log (JSON, one transaction a line)
// and nginx's access log (deploy/nginx/nginx.conf, format "edge").
import { readFileSync } from "node:fs";
import { edgeEnv } from "./edge-client";

export interface AuditEntry {
  requestId: string | undefined;
  uri: string;
  status: number;
  ruleIds: string[];
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

interface ModsecLine {
  transaction?: {
    request?: { uri?: string; headers?: Record<string, string> };
    response?: { http_code?: number };
    messages?: { details?: { ruleId?: string } }[];
  };
}

export function auditEntries(): AuditEntry[] {
  return readLines(edgeEnv().auditLog).map((line) => {
    const t = (JSON.parse(line) as ModsecLine).transaction ?? {};
    const headers = Object.fromEntries(
      Object.entries(t.request?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    return {
      requestId: headers["x-request-id"],
      uri: t.request?.uri ?? "",
      status: t.response?.http_code ?? 0,
      ruleIds: (t.messages ?? []).map((m) => m.details?.ruleId ?? "").filter(Boolean),
    };
  });
}

export function accessLines(): string[] {
  return readLines(edgeEnv().accessLog);
}

// nginx writes both logs when a request ends, just after the response: poll briefly.
export async function eventually<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not found in the edge logs: ${what}`);
}
