// A database of its own for tests that depend on global state (the no-lockout rule counts every
// role manager in the database, which other test files add to in parallel). Points the app's
// db() at a fresh migrated database for the file, and restores everything afterwards.
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import {
  createTestDatabase,
  dropTestDatabase,
  type TestDatabase,
} from "../../scripts/lib/test-database";

type Holder = { tollgateDb?: { $disconnect(): Promise<void> } };

export function withIsolatedDatabase(): void {
  const saved = { url: process.env.DATABASE_URL, migration: process.env.MIGRATION_DATABASE_URL };
  let database: TestDatabase | undefined;
  const holder = globalThis as Holder;

  beforeAll(async () => {
    const superuserUrl = process.env.TEST_PG_SUPERUSER_URL_FOR_TESTS;
    if (!superuserUrl)
      throw new Error("TEST_PG_SUPERUSER_URL_FOR_TESTS is not set (tests/global-setup.ts)");
    database = await createTestDatabase(superuserUrl, "tollgate_test_authz");
    await holder.tollgateDb?.$disconnect();
    holder.tollgateDb = undefined;
    process.env.DATABASE_URL = database.appUrl;
    process.env.MIGRATION_DATABASE_URL = database.ownerUrl;
    resetEnvForTests();
  }, 120_000);

  afterAll(async () => {
    await holder.tollgateDb?.$disconnect();
    holder.tollgateDb = undefined;
    process.env.DATABASE_URL = saved.url;
    process.env.MIGRATION_DATABASE_URL = saved.migration;
    resetEnvForTests();
    if (database) await dropTestDatabase(database);
  });
}
