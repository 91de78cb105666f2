// A fresh, migrated database for each test run, on the embedded PostgreSQL (TLS, verify-full)
// unless TEST_PG_SUPERUSER_URL names another local server. Tests refuse non-local databases.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { pgPoolConfig } from "../../lib/db/pg-config";
import {
  APP_ROLE,
  OWNER_ROLE,
  createRolesAndDatabase,
  grantAppPrivileges,
  roleUrl,
} from "./db-roles";
import { resolveDataRoot, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { root } from "./schema-engine";
import { applyMigrations } from "./schema-engine";

export const TEST_PG_PORT = Number(process.env.TEST_PG_PORT || 54329);
export const TEST_DATA_ROOT = path.join(root, ".test-data");

export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (!["localhost", "127.0.0.1", "::1"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ ...pgPoolConfig(url), connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

// Reuses a test cluster that is already running (started by scripts/test.ts or another run).
export async function ensureTestCluster(): Promise<{
  superuserUrl: string;
  server: EmbeddedPostgres | null;
}> {
  if (process.env.TEST_PG_SUPERUSER_URL) {
    assertLocalDatabase(process.env.TEST_PG_SUPERUSER_URL);
    return { superuserUrl: process.env.TEST_PG_SUPERUSER_URL, server: null };
  }
  const dataRoot = resolveDataRoot(TEST_DATA_ROOT);
  const passwordFile = path.join(dataRoot, "superuser-password");
  const ca = path.join(dataRoot, "tls", "ca.crt");
  if (existsSync(passwordFile) && existsSync(ca)) {
    const password = readFileSync(passwordFile, "utf8").trim();
    const url = `postgresql://postgres:${encodeURIComponent(password)}@localhost:${TEST_PG_PORT}/postgres?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`;
    if (await answers(url)) return { superuserUrl: url, server: null };
  }
  const server = await startEmbeddedPostgres({ root: TEST_DATA_ROOT, port: TEST_PG_PORT });
  return { superuserUrl: server.superuserUrl(), server };
}

export interface TestDatabase {
  name: string;
  appUrl: string;
  ownerUrl: string;
  superuserUrl: string;
}

export async function createTestDatabase(
  superuserUrl: string,
  prefix = "tollgate_test",
): Promise<TestDatabase> {
  assertLocalDatabase(superuserUrl);
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  // Role passwords are per cluster; a fixed test secret is fine on a throwaway local cluster.
  const passwords = { owner: "owner-test-password", app: "app-test-password" };
  await createRolesAndDatabase(superuserUrl, name, passwords);
  const ownerUrl = roleUrl(superuserUrl, OWNER_ROLE, passwords.owner, name);
  await applyMigrations(ownerUrl);
  await grantAppPrivileges(ownerUrl);
  return {
    name,
    ownerUrl,
    appUrl: roleUrl(superuserUrl, APP_ROLE, passwords.app, name),
    superuserUrl,
  };
}

export async function dropTestDatabase(db: TestDatabase): Promise<void> {
  const client = new pg.Client(pgPoolConfig(db.superuserUrl));
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
