// Vitest global setup: a fresh migrated database per run (see scripts/lib/test-database.ts), and
// the environment the app's modules read, with secrets generated for this run.
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDevSecrets } from "../scripts/lib/dev-secrets";
import {
  createTestDatabase,
  dropTestDatabase,
  ensureTestCluster,
  TEST_DATA_ROOT,
} from "../scripts/lib/test-database";

export default async function setup(project: TestProject) {
  const cluster = await ensureTestCluster();
  const database = await createTestDatabase(cluster.superuserUrl);
  const secrets = ensureDevSecrets(path.join(TEST_DATA_ROOT, "secrets"));
  const env: Record<string, string> = {
    NODE_ENV: "test",
    DATABASE_URL: database.appUrl,
    MIGRATION_DATABASE_URL: database.ownerUrl,
    TEST_PG_SUPERUSER_URL_FOR_TESTS: cluster.superuserUrl,
    REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    APP_URL: "http://localhost:3000",
    OIDC_ISSUER: "http://localhost:3001",
    OIDC_CLIENT_ID: "tollgate-portal",
    // Many test files share one client address and client ids: generous limits keep them from
    // throttling each other; the rate limit tests set their own small limits.
    // The token limit stays low enough for its own test to reach; other tests call the token
    // endpoint from unique addresses or sign tokens directly.
    RATE_LIMIT_TOKEN_PER_MINUTE: "30",
    RATE_LIMIT_UPDATE_PER_MINUTE: "100000",
    RATE_LIMIT_IP_PER_MINUTE: "100000",
    RATE_LIMIT_LICENSE_PER_MINUTE: "100000",
    RATE_LIMIT_CLIENT_PER_MINUTE: "100000",
    STORAGE_DIR: path.join(TEST_DATA_ROOT, `storage-${database.name}`),
    ...Object.fromEntries(Object.entries(secrets).filter(([k]) => !k.endsWith("_DB_PASSWORD"))),
  };
  project.provide("testEnv", env);
  return async () => {
    await dropTestDatabase(database);
    await cluster.server?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}
