import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "lib/**/*.test.ts",
      "tests/**/*.test.ts",
      "scripts/**/*.test.ts",
      "agent/**/*.test.ts",
      "components/**/*.test.ts",
    ],
    // tests/edge runs in the edge stage of `npm test`, against nginx and running instances.
    exclude: ["node_modules/**", "e2e/**", ".next/**", "tests/edge/**"],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
