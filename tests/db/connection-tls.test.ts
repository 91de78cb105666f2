import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { parseEnv, EnvError } from "@/lib/env";

describe("database connection", () => {
  it("uses TLS: the server reports this connection in pg_stat_ssl", async () => {
    const rows = await db().$queryRaw<{ ssl: boolean; version: string }[]>`
      SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ssl).toBe(true);
    expect(rows[0]?.version).toMatch(/^TLSv1\.[23]$/);
  });

  it("is refused in production mode when the URL does not verify the server", () => {
    const base = {
      ...process.env,
      NODE_ENV: "production" as const,
      REDIS_URL: "redis://127.0.0.1:6379",
    };
    const withMode = (mode: string) => `postgresql://u:p@db.internal:5432/tollgate?sslmode=${mode}`;
    for (const mode of ["disable", "prefer", "require", "verify-ca"]) {
      expect(() => parseEnv({ ...base, DATABASE_URL: withMode(mode) })).toThrow(EnvError);
    }
    expect(() =>
      parseEnv({ ...base, DATABASE_URL: "postgresql://u:p@db.internal/tollgate" }),
    ).toThrow(/verify-full/);
    expect(parseEnv({ ...base, DATABASE_URL: withMode("verify-full") }).DATABASE_URL).toContain(
      "verify-full",
    );
  });
});
