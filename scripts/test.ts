// `npm test`: the whole suite, in CI order: lint → format → typecheck → unit/integration
// (vitest, real PostgreSQL and Redis) → build → end-to-end (Playwright + Chromium against the
// production build; scripts/lib/browser.ts finds Debian's or unpacks the one shipped on npm).
// Each run uses fresh databases; the first failure stops the run.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { findChromium } from "./lib/browser";
import { startStack, waitForHttp } from "./lib/local-stack";
import { root } from "./lib/schema-engine";
import { createTestDatabase, dropTestDatabase, ensureTestCluster } from "./lib/test-database";

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function step(label: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n━━ ${label} ━━ ${path.basename(command)} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`\n✗ ${label} failed (exit ${result.status ?? result.signal}).`);
    throw new StepFailed(label);
  }
  console.log(`✓ ${label} (${Math.round((Date.now() - started) / 1000)}s)`);
}

class StepFailed extends Error {}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const only = process.argv[2]; // `npm test -- e2e` runs one stage while iterating
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  if (!only) {
    step("lint", bin("eslint"), ["--max-warnings", "0", "."]);
    step("format", bin("prettier"), ["--check", "."]);
    step("typecheck", bin("tsc"), ["--noEmit"]);
  }
  const cluster = await ensureTestCluster();
  try {
    if (!only || only === "unit") {
      step("unit and integration tests", bin("vitest"), ["run"], {
        TEST_PG_SUPERUSER_URL: cluster.superuserUrl,
        REDIS_URL: redisUrl,
      });
    }
    if (!only || only === "e2e") {
      if (!process.env.SKIP_BUILD)
        step("build", bin("next"), ["build"], { NODE_ENV: "production" });
      await endToEnd(cluster.superuserUrl, redisUrl);
    }
  } finally {
    await cluster.server?.stop();
  }
}

async function endToEnd(superuserUrl: string, redisUrl: string) {
  const database = await createTestDatabase(superuserUrl, "tollgate_e2e");
  process.env.DATABASE_URL = database.appUrl;
  process.env.MIGRATION_DATABASE_URL = database.ownerUrl;
  process.env.REDIS_URL = redisUrl;
  // Specs sign in and fetch tokens many times from one address; the limits themselves are
  // proven by the integration tests.
  process.env.RATE_LIMIT_TOKEN_PER_MINUTE ??= "300";
  // Playwright stands in for a trusted reverse proxy, so a spec can present an outside client
  // address with X-Forwarded-For and see the staff allowlist refuse it.
  process.env.TRUSTED_PROXIES ??= "127.0.0.1/32,::1/128";
  // IdP MFA trusted, with "sms" even listed as acceptable: the identity spec proves it still
  // never counts. The sign-in fixture uses amr "pwd", so the portal's WebAuthn step still runs.
  process.env.TRUST_IDP_MFA ??= "true";
  process.env.IDP_MFA_AMR ??= "hwk,sms";
  const browser = await findChromium(root);
  console.log(`\n━━ end-to-end: Chromium ${browser.source}: ${browser.executablePath} ━━`);
  const appPort = Number(process.env.E2E_APP_PORT || 3100);
  const logs: string[] = [];
  console.log("\n━━ end-to-end: starting the production build with a fresh seeded database ━━");
  const stack = await startStack({
    dataRoot: path.join(root, ".test-data", "e2e"),
    database: database.name,
    pgPort: 0,
    appPort,
    idpPort: Number(process.env.E2E_IDP_PORT || 3101),
    mode: "production",
    log: (line) => {
      logs.push(line);
      if (process.env.E2E_VERBOSE) console.log(line);
    },
  });
  try {
    await waitForHttp(`http://localhost:${appPort}/api/ready`);
    // `npm test -- e2e e2e/some.spec.ts` narrows the run while iterating.
    step("end-to-end tests", bin("playwright"), ["test", ...process.argv.slice(3)], {
      ...stack.env,
      E2E_BASE_URL: `http://localhost:${appPort}`,
      E2E_DATABASE_URL: database.ownerUrl,
      ...browser.env,
      CHROMIUM_PATH: browser.executablePath,
    });
  } catch (error) {
    console.error("Last app/IdP log lines:\n" + logs.slice(-60).join("\n"));
    throw error;
  } finally {
    await stack.stop();
    await dropTestDatabase(database);
  }
}

main().catch((error: unknown) => {
  if (!(error instanceof StepFailed)) console.error(error);
  process.exit(1);
});
