import { describe, expect, it } from "vitest";
import { diffDatabaseToSchema, diffMigrationsToSchema } from "../../scripts/lib/schema-engine";

// The schema engine needs CREATE DATABASE for its shadow database: the test cluster's superuser.
function superuserUrlOfTestDb(): string {
  const url = new URL(process.env.TEST_PG_SUPERUSER_URL_FOR_TESTS ?? "");
  url.pathname = new URL(process.env.MIGRATION_DATABASE_URL ?? "").pathname;
  return url.toString();
}

const isEmpty = (sql: string) =>
  sql.trim() === "" || sql.trim() === "-- This is an empty migration.";

describe("migrations", () => {
  it("the committed migrations produce exactly the Prisma schema", async () => {
    const sql = await diffMigrationsToSchema(superuserUrlOfTestDb());
    expect(
      isEmpty(sql),
      `schema.prisma and prisma/migrations disagree; run npm run db:diff -- <name>:\n${sql}`,
    ).toBe(true);
  });

  it("the migrated test database matches the Prisma schema", async () => {
    const sql = await diffDatabaseToSchema(superuserUrlOfTestDb());
    expect(isEmpty(sql), sql).toBe(true);
  });
});
