// Secrets from files (X_FILE, the Docker/Kubernetes secrets convention) instead of variables.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const dir = mkdtempSync(path.join(tmpdir(), "tollgate-secrets-"));
function secretFile(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

// The test run's own environment is complete; each case swaps one secret for a file.
const base = (): NodeJS.ProcessEnv => ({ ...process.env });

function errorOf(fn: () => unknown): EnvError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected an EnvError");
}

describe("secrets from *_FILE", () => {
  it("reads a secret from the file named by X_FILE, trimming the trailing newline", () => {
    const source = base();
    const url = "postgresql://app:from-file@db.internal:5432/tollgate?sslmode=verify-full";
    delete source.DATABASE_URL;
    source.DATABASE_URL_FILE = secretFile("database-url", `${url}\n`);
    source.LICENSE_HMAC_KEY_FILE = secretFile("hmac", `${"h".repeat(40)}\n`);
    delete source.LICENSE_HMAC_KEY;
    const env = parseEnv(source);
    expect(env.DATABASE_URL).toBe(url);
    expect(env.LICENSE_HMAC_KEY).toBe("h".repeat(40));
  });

  it("prefers the file over a plain variable of the same name", () => {
    const source = {
      ...base(),
      AUTH_SECRET: "a".repeat(40),
      AUTH_SECRET_FILE: secretFile("auth", "f".repeat(40)),
    };
    expect(parseEnv(source).AUTH_SECRET).toBe("f".repeat(40));
  });

  it("validates a value from a file like any other", () => {
    const source = { ...base(), AUTH_SECRET_FILE: secretFile("short", "too-short") };
    delete source.AUTH_SECRET;
    expect(errorOf(() => parseEnv(source)).problems).toContain(
      "AUTH_SECRET: must be at least 32 characters",
    );
  });

  it("is a clear env error when the file is missing, naming the variable but not echoing secrets", () => {
    const missing = path.join(dir, "does-not-exist");
    const source = {
      ...base(),
      DATABASE_URL_FILE: missing,
      OIDC_CLIENT_SECRET_FILE: path.join(dir, "nope"),
    };
    const error = errorOf(() => parseEnv(source));
    expect(error.problems).toEqual(
      expect.arrayContaining([
        `DATABASE_URL_FILE: cannot read ${missing}`,
        `OIDC_CLIENT_SECRET_FILE: cannot read ${path.join(dir, "nope")}`,
      ]),
    );
    expect(error.message).toMatch(/^Invalid environment:/);
    expect(error.message).not.toContain(process.env.OIDC_CLIENT_SECRET ?? "unset");
  });

  it("ignores *_FILE for variables it does not know, reading no file", () => {
    const source = { ...base(), SOMETHING_ELSE_FILE: path.join(dir, "never-read") };
    expect(() => parseEnv(source)).not.toThrow();
  });
});
