import { readFileSync } from "node:fs";
import type { PoolConfig } from "pg";

export type SslMode = "disable" | "prefer" | "require" | "verify-ca" | "verify-full";

export function sslModeOf(connectionString: string): SslMode {
  const mode = new URL(connectionString).searchParams.get("sslmode");
  return (mode ?? "prefer") as SslMode;
}

// We turn the URL into explicit pool fields so that the TLS settings are exactly ours: pg's own
// URL parsing treats sslmode=require as full verification and would silently merge its view.
export function pgPoolConfig(
  connectionString: string,
  extra: Partial<PoolConfig> = {},
): PoolConfig {
  const url = new URL(connectionString);
  const sslmode = sslModeOf(connectionString);
  const rootCert = url.searchParams.get("sslrootcert");
  const ssl =
    sslmode === "disable" || (sslmode === "prefer" && !rootCert)
      ? false
      : {
          rejectUnauthorized: sslmode === "verify-full" || sslmode === "verify-ca",
          ...(rootCert ? { ca: readFileSync(rootCert, "utf8") } : {}),
          ...(sslmode === "verify-ca" ? { checkServerIdentity: () => undefined } : {}),
        };
  return {
    host: decodeURIComponent(url.hostname.replace(/^\[|\]$/g, "")) || "localhost",
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
    ssl,
    ...extra,
  };
}

// Every request's database work is bounded: a frozen or unreachable server makes a request fail
// (503, lib/db/database-unavailable.ts) rather than hang. query_timeout is the client's own
// backstop for a server too frozen to enforce its statement_timeout.
export function poolTimeouts(seconds: {
  connect: number;
  statement: number;
}): Pick<PoolConfig, "connectionTimeoutMillis" | "statement_timeout" | "query_timeout"> {
  return {
    connectionTimeoutMillis: seconds.connect * 1000,
    statement_timeout: seconds.statement * 1000,
    query_timeout: (seconds.statement + 5) * 1000,
  };
}
