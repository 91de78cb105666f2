// The app never holds the database owner's credentials: `npm run dev` and the end-to-end stack
// (scripts/lib/local-stack.ts) migrate as the owner in their own process, and every child they
// start (app, seed, IdP) gets an environment without the owner's URL or password, even when the
// operator's own environment carries them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareDatabase, runToCompletion } from "../../scripts/lib/local-stack";

const dataRoot = mkdtempSync(path.join(tmpdir(), "app-env-"));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

// What a child process sees: its variable names, and whether any value holds the password.
const PROBE = `const pw = process.argv[1];
console.log(JSON.stringify({ keys: Object.keys(process.env), leaked: Object.values(process.env).some((v) => v.includes(pw)) }));`;

async function childSees(env: Record<string, string>, password: string) {
  const lines: string[] = [];
  await runToCompletion(process.execPath, ["-e", PROBE, password], env, "app", (l) =>
    lines.push(l),
  );
  return JSON.parse(lines.join("").replace(/^\[app\] /, "")) as { keys: string[]; leaked: boolean };
}

describe("the app process's environment", () => {
  it("holds neither the owner's URL nor its password", async () => {
    // The test run's own environment carries the owner URL, as an operator's might.
    const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? "";
    const ownerPassword = decodeURIComponent(new URL(ownerUrl).password);
    expect(ownerPassword.length).toBeGreaterThan(8);

    const { env } = await prepareDatabase({
      dataRoot,
      database: "unused",
      pgPort: 0,
      appPort: 3999,
      idpPort: 3998,
      mode: "production",
      log: () => undefined,
    });
    expect(env.DATABASE_URL).toBe(process.env.DATABASE_URL);
    expect(Object.keys(env)).not.toContain("MIGRATION_DATABASE_URL");
    expect(Object.values(env).some((v) => v.includes(ownerPassword))).toBe(false);

    const seen = await childSees(env, ownerPassword);
    expect(seen.keys).toContain("DATABASE_URL");
    expect(seen.keys).not.toContain("MIGRATION_DATABASE_URL");
    expect(seen.keys.filter((k) => /SUPERUSER|OWNER_DB_PASSWORD/.test(k))).toEqual([]);
    expect(seen.leaked).toBe(false);

    // Nor when a caller hands them over explicitly.
    const handed = await childSees(
      { ...env, MIGRATION_DATABASE_URL: ownerUrl, OWNER_DB_PASSWORD: ownerPassword },
      ownerPassword,
    );
    expect(handed.leaked).toBe(false);
  });
});
