// `npm run start:prod` refuses unsafe production settings before anything starts, naming each
// one; a safe environment passes. The base is the test run's own environment (verified TLS to
// PostgreSQL, Redis), made production-shaped.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { productionProblems } from "./production-checks";

const safe: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  APP_URL: "https://updates.example.com",
  OIDC_ISSUER: "https://login.example.com",
  OIDC_CLIENT_SECRET: "a-real-client-secret",
  REDIS_URL: "rediss://:s3cret@cache.internal:6379",
  TRUSTED_PROXIES: "10.0.1.0/24",
  STORAGE_DIR: "/var/lib/tollgate/storage",
  MIGRATION_DATABASE_URL: undefined,
  ALLOW_IN_MEMORY_RATE_LIMIT: undefined,
  EDGE_TLS_CERT: "/etc/tollgate/tls.crt",
  EDGE_TLS_KEY: "/etc/tollgate/tls.key",
};
const plan = { instances: 2, edge: true };
const problems = (overrides: Record<string, string | undefined>) =>
  productionProblems({ ...safe, ...overrides }, plan);
const names = (list: string[]) => list.map((p) => p.split(":")[0]);

describe("production checks (npm run start:prod)", () => {
  it("pass a safe production environment", () => {
    expect(productionProblems(safe, plan)).toEqual([]);
  });

  it.each([
    [
      "the owner's credentials in the app",
      { MIGRATION_DATABASE_URL: "postgresql://tollgate_owner:x@db/t" },
      "MIGRATION_DATABASE_URL",
    ],
    [
      "per-instance rate limits",
      { ALLOW_IN_MEMORY_RATE_LIMIT: "true" },
      "ALLOW_IN_MEMORY_RATE_LIMIT",
    ],
    ["Redis without a password", { REDIS_URL: "rediss://cache.internal:6379" }, "REDIS_URL"],
    ["Redis without TLS", { REDIS_URL: "redis://:pw@cache.internal:6379" }, "REDIS_URL"],
    ["plain http", { APP_URL: "http://localhost:3000" }, "APP_URL"],
    ["the dev identity provider", { OIDC_ISSUER: "http://localhost:3001" }, "OIDC_ISSUER"],
    ["no trusted proxy behind the edge", { TRUSTED_PROXIES: undefined }, "TRUSTED_PROXIES"],
    ["trusting every address", { TRUSTED_PROXIES: "0.0.0.0/0" }, "TRUSTED_PROXIES"],
    ["a relative storage directory", { STORAGE_DIR: ".data/storage" }, "STORAGE_DIR"],
    ["an edge without its certificate", { EDGE_TLS_KEY: undefined }, "EDGE_TLS_KEY"],
  ])("refuse %s", (_label, overrides, variable) => {
    expect(names(problems(overrides))).toContain(variable);
  });

  it("include the environment's own production rules (a database URL that does not verify the server)", () => {
    const url = new URL(safe.DATABASE_URL ?? "");
    url.searchParams.set("sslmode", "require");
    expect(names(problems({ DATABASE_URL: url.toString() }))).toContain("DATABASE_URL");
  });

  it("stop `npm run start:prod` with every problem listed, before starting anything", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const result = spawnSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/start-prod.ts", "--instances=2", "--edge", "--check"],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...safe, ALLOW_IN_MEMORY_RATE_LIMIT: "true", APP_URL: "http://localhost:3000" },
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Tollgate will not start in production:");
    expect(result.stderr).toContain("- ALLOW_IN_MEMORY_RATE_LIMIT:");
    expect(result.stderr).toContain("- APP_URL:");
  });

  it("let `--check` pass a safe environment", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const result = spawnSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/start-prod.ts", "--instances=2", "--edge", "--check"],
      { cwd: root, encoding: "utf8", env: safe },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
