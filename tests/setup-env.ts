// Runs in every test worker before the tests: the environment global-setup prepared.
import { inject } from "vitest";

const testEnv = inject("testEnv");
for (const [key, value] of Object.entries(testEnv)) {
  if (
    process.env[key] === undefined ||
    key === "DATABASE_URL" ||
    key === "MIGRATION_DATABASE_URL" ||
    key === "NODE_ENV"
  ) {
    process.env[key] = value;
  }
}
