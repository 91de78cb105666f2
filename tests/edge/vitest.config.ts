import path from "node:path";
import { defineConfig } from "vitest/config";

// The edge tests run inside `npm test`'s edge stage (scripts/test.ts), against nginx +
// ModSecurity + CRS in front of two running app instances; EDGE_URL and the log paths come from
// there. They are not part of the plain vitest run, which has no edge.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "../..") } },
  test: {
    root: path.resolve(import.meta.dirname, "../.."),
    include: ["tests/edge/**/*.test.ts"],
    exclude: process.env.EDGE_VICTIM_PGID ? [] : ["tests/edge/failover.test.ts"],
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
