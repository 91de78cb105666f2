// The running app connects as a least-privilege role: rows of its own tables only, no DDL, and
// an append-only audit trail. Migrations run as the owner, which can do all of it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPoolConfig } from "@/lib/db/pg-config";
import { runDbRoles } from "../../scripts/db-roles";
import { APP_ROLE, OWNER_ROLE } from "../../scripts/lib/db-roles";

const INSUFFICIENT_PRIVILEGE = "42501";

async function connect(url: string | undefined): Promise<pg.Client> {
  if (!url) throw new Error("the test environment sets DATABASE_URL and MIGRATION_DATABASE_URL");
  const client = new pg.Client(pgPoolConfig(url));
  await client.connect();
  return client;
}

// The SQLSTATE a statement fails with, or "ok".
async function outcome(client: pg.Client, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await client.query(sql, params);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

let app: pg.Client;
let owner: pg.Client;
let auditId: string;

beforeAll(async () => {
  app = await connect(process.env.DATABASE_URL);
  owner = await connect(process.env.MIGRATION_DATABASE_URL);
  const inserted = await app.query<{ id: string }>(
    `INSERT INTO "AuditEvent" ("action", "result", "actorType", "reason") VALUES ('system.seeded', 'SUCCESS', 'SYSTEM', 'roles test') RETURNING "id"`,
  );
  auditId = inserted.rows[0]?.id ?? "";
});

afterAll(async () => {
  await app?.end();
  await owner?.end();
});

describe("the app role (DATABASE_URL)", () => {
  it("is the least-privilege role, not the owner or a superuser", async () => {
    const { rows } = await app.query<{ user: string; superuser: boolean }>(
      `SELECT current_user AS "user", rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ user: APP_ROLE, superuser: false });
  });

  const refused: [string, (auditId: string) => string][] = [
    ["CREATE TABLE", () => `CREATE TABLE "sneaky_${randomBytes(3).toString("hex")}" (id int)`],
    ["CREATE SCHEMA", () => `CREATE SCHEMA "sneaky_${randomBytes(3).toString("hex")}"`],
    ["ALTER TABLE", () => `ALTER TABLE "License" ADD COLUMN "backdoor" text`],
    ["DROP TABLE", () => `DROP TABLE "License"`],
    ["CREATE INDEX", () => `CREATE INDEX "sneaky_idx" ON "License" ("notes")`],
    ["DISABLE TRIGGER", () => `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`],
    [
      "UPDATE on AuditEvent",
      (id) => `UPDATE "AuditEvent" SET "reason" = 'rewritten' WHERE "id" = '${id}'`,
    ],
    ["DELETE on AuditEvent", (id) => `DELETE FROM "AuditEvent" WHERE "id" = '${id}'`],
    ["TRUNCATE AuditEvent", () => `TRUNCATE "AuditEvent"`],
    ["reading the migration history", () => `SELECT * FROM "_prisma_migrations"`],
  ];
  it.each(refused)("cannot %s", async (_what, sql) => {
    expect(await outcome(app, sql(auditId))).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("leaves the audit row untouched after the refused UPDATE and DELETE", async () => {
    const { rows } = await app.query(`SELECT "reason" FROM "AuditEvent" WHERE "id" = $1`, [
      auditId,
    ]);
    expect(rows).toEqual([{ reason: "roles test" }]);
  });

  it("can insert and select audit events", async () => {
    const inserted = await app.query<{ id: string }>(
      `INSERT INTO "AuditEvent" ("action", "result", "actorType") VALUES ('system.seeded', 'SUCCESS', 'SYSTEM') RETURNING "id"`,
    );
    const id = inserted.rows[0]?.id;
    expect(id).toMatch(/^aud_/);
    const selected = await app.query(`SELECT "id" FROM "AuditEvent" WHERE "id" = $1`, [id]);
    expect(selected.rowCount).toBe(1);
  });

  it("can change an alert's state but cannot delete alerts", async () => {
    const inserted = await app.query<{ id: string }>(
      `INSERT INTO "Alert" ("kind", "severity", "title", "subject") VALUES ('roles.test', 'LOW', 'roles test', $1) RETURNING "id"`,
      [`roles-${randomBytes(4).toString("hex")}`],
    );
    const id = inserted.rows[0]?.id ?? "";
    expect(
      await outcome(
        app,
        `UPDATE "Alert" SET "status" = 'RESOLVED', "resolvedAt" = now() WHERE "id" = $1`,
        [id],
      ),
    ).toBe("ok");
    expect(await outcome(app, `DELETE FROM "Alert" WHERE "id" = $1`, [id])).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(await outcome(app, `TRUNCATE "Alert"`)).toBe(INSUFFICIENT_PRIVILEGE);
    const kept = await app.query(`SELECT 1 FROM "Alert" WHERE "id" = $1`, [id]);
    expect(kept.rowCount).toBe(1);
  });

  it("can read and write rows of the other tables", async () => {
    const slug = `roles-${randomBytes(4).toString("hex")}`;
    expect(
      await outcome(
        app,
        `INSERT INTO "Product" ("slug", "name", "updatedAt") VALUES ($1, 'P', now())`,
        [slug],
      ),
    ).toBe("ok");
    expect(await outcome(app, `UPDATE "Product" SET "name" = 'Q' WHERE "slug" = $1`, [slug])).toBe(
      "ok",
    );
    expect(await outcome(app, `DELETE FROM "Product" WHERE "slug" = $1`, [slug])).toBe("ok");
  });
});

describe("the owner role (MIGRATION_DATABASE_URL)", () => {
  it("is the owner, and can create, alter and drop tables", async () => {
    const { rows } = await owner.query<{ user: string }>(`SELECT current_user AS "user"`);
    expect(rows[0]?.user).toBe(OWNER_ROLE);
    const table = `owner_probe_${randomBytes(3).toString("hex")}`;
    expect(await outcome(owner, `CREATE TABLE "${table}" (id int)`)).toBe("ok");
    expect(await outcome(owner, `ALTER TABLE "${table}" ADD COLUMN note text`)).toBe("ok");
    expect(await outcome(owner, `DROP TABLE "${table}"`)).toBe("ok");
  });

  it("can update and delete audit rows (so only the app role is restricted)", async () => {
    await owner.query("BEGIN");
    try {
      const updated = await owner.query(
        `UPDATE "AuditEvent" SET "reason" = 'owner' WHERE "id" = $1`,
        [auditId],
      );
      expect(updated.rowCount).toBe(1);
      const deleted = await owner.query(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [auditId]);
      expect(deleted.rowCount).toBe(1);
    } finally {
      await owner.query("ROLLBACK");
    }
  });
});

describe("scripts/db-roles.ts", () => {
  it("sets up roles, a database, its migrations and the app role's grants", async () => {
    const superuserUrl = process.env.TEST_PG_SUPERUSER_URL_FOR_TESTS ?? "";
    const dir = mkdtempSync(path.join(tmpdir(), "db-roles-"));
    // The roles are cluster-wide: keep the passwords the rest of the test run connects with.
    writeFileSync(path.join(dir, "owner"), "owner-test-password\n");
    writeFileSync(path.join(dir, "app"), "app-test-password\n");
    const database = `tollgate_roles_${randomBytes(3).toString("hex")}`;
    const lines: string[] = [];
    const { appUrl } = await runDbRoles(
      ["setup", `--database=${database}`],
      {
        SUPERUSER_DATABASE_URL: superuserUrl,
        OWNER_DB_PASSWORD_FILE: path.join(dir, "owner"),
        APP_DB_PASSWORD_FILE: path.join(dir, "app"),
      },
      (line) => lines.push(line),
    );
    try {
      expect(lines.join("\n")).not.toContain("test-password");
      const client = await connect(appUrl);
      try {
        const { rows } = await client.query<{ user: string }>(`SELECT current_user AS "user"`);
        expect(rows[0]?.user).toBe(APP_ROLE);
        expect(await outcome(client, `SELECT count(*) FROM "License"`)).toBe("ok");
        expect(await outcome(client, `CREATE TABLE "nope" (id int)`)).toBe(INSUFFICIENT_PRIVILEGE);
        expect(await outcome(client, `DELETE FROM "AuditEvent"`)).toBe(INSUFFICIENT_PRIVILEGE);
      } finally {
        await client.end();
      }
    } finally {
      const su = await connect(superuserUrl);
      await su.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await su.end();
    }
  });

  it("names the missing secret, and the unreadable secret file", async () => {
    await expect(
      runDbRoles(["setup"], { SUPERUSER_DATABASE_URL: "postgresql://x@localhost/db" }),
    ).rejects.toThrow("Set OWNER_DB_PASSWORD or OWNER_DB_PASSWORD_FILE.");
    await expect(
      runDbRoles(["grant"], { MIGRATION_DATABASE_URL_FILE: "/nonexistent/secret" }),
    ).rejects.toThrow("MIGRATION_DATABASE_URL_FILE: cannot read /nonexistent/secret");
    await expect(runDbRoles(["bogus"], {})).rejects.toThrow(/Usage/);
  });
});
