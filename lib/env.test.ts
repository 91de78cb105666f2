import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = { ...process.env } as NodeJS.ProcessEnv;

function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("accepts the test environment", () => {
    expect(parseEnv(valid).DATABASE_URL).toMatch(/^postgresql:\/\//);
  });

  it("lists every bad variable at once, by name", () => {
    const problems = problemsOf({
      ...valid,
      DATABASE_URL: "mysql://x",
      AUTH_SECRET: "short",
      APP_URL: "not a url",
    });
    expect(problems.some((p) => p.startsWith("DATABASE_URL:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("AUTH_SECRET:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("APP_URL:"))).toBe(true);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ ...valid, LOG_LEVEL: "" }).LOG_LEVEL).toBe("info");
    expect(
      problemsOf({ ...valid, DATABASE_URL: "" }).some((p) => p.startsWith("DATABASE_URL:")),
    ).toBe(true);
  });

  it("reads X_FILE for a known variable and reports an unreadable file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "env-"));
    const file = path.join(dir, "auth-secret");
    writeFileSync(file, "s".repeat(40) + "\n");
    const { AUTH_SECRET: _drop, ...rest } = valid;
    expect(parseEnv({ ...rest, AUTH_SECRET_FILE: file }).AUTH_SECRET).toBe("s".repeat(40));
    expect(problemsOf({ ...rest, AUTH_SECRET_FILE: path.join(dir, "missing") })).toContain(
      `AUTH_SECRET_FILE: cannot read ${path.join(dir, "missing")}`,
    );
  });

  it("in production refuses the in-process rate limit store unless allowed", () => {
    const prod: NodeJS.ProcessEnv = {
      ...valid,
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://u:p@h/db?sslmode=verify-full",
    };
    const { REDIS_URL: _r, ...noRedis } = prod;
    expect(problemsOf(noRedis).some((p) => p.startsWith("REDIS_URL:"))).toBe(true);
    expect(problemsOf({ ...noRedis, ALLOW_IN_MEMORY_RATE_LIMIT: "true" })).toEqual([]);
  });

  it("groups S3 settings, null when not configured", () => {
    expect(parseEnv(valid).s3).toBeNull();
    expect(parseEnv({ ...valid, S3_BUCKET: "b", S3_REGION: "eu-west-1" }).s3).toMatchObject({
      bucket: "b",
      region: "eu-west-1",
    });
    expect(problemsOf({ ...valid, STORAGE_DRIVER: "s3" })[0]).toMatch(/S3_BUCKET/);
  });
});
