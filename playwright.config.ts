import { defineConfig } from "@playwright/test";

// Driven by scripts/test.ts, which starts the production build, the dev IdP and a fresh seeded
// database, then passes their addresses and the browser (scripts/lib/browser.ts) in the
// environment.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.E2E_BASE_URL || "http://localhost:3100",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      // The npm-shipped build loads its own NSS libraries; only the browser process gets them.
      env: process.env.CHROMIUM_LIBRARY_PATH
        ? { ...process.env, LD_LIBRARY_PATH: process.env.CHROMIUM_LIBRARY_PATH }
        : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Set by the edge stage (scripts/test.ts) so Chromium accepts the edge's local cert.
        ...(process.env.E2E_CHROMIUM_ARGS?.split(" ").filter(Boolean) ?? []),
      ],
    },
  },
});
