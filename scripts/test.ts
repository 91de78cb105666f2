// `npm test`: the whole suite, in CI order: lint → format → typecheck → unit/integration
// (vitest, real PostgreSQL and Redis) → build → the edge stage: two instances of the production
// build behind nginx + ModSecurity + CRS (deploy/nginx), the WAF's attack corpus, the complete
// end-to-end suite (Playwright + Chromium: scripts/lib/browser.ts finds Debian's or unpacks the
// one shipped on npm) through the edge, and a failover check.
// The end-to-end suite runs once, through the edge; `npm test -- e2e` still runs it directly
// against one instance. Each run uses fresh databases; the first failure stops the run.
//   npm test -- unit | e2e [specs] | edge [specs]     one stage while iterating
import { spawnSync } from "node:child_process";
import path from "node:path";
import { findChromium } from "./lib/browser";
import { startEdgeStack, type EdgeStack } from "./lib/edge-stack";
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
    if (!only || only === "e2e" || only === "edge") {
      if (!process.env.SKIP_BUILD)
        step("build", bin("next"), ["build"], { NODE_ENV: "production" });
      await endToEnd(cluster.superuserUrl, redisUrl, only !== "e2e");
    }
  } finally {
    await cluster.server?.stop();
  }
}

async function endToEnd(superuserUrl: string, redisUrl: string, throughEdge: boolean) {
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
  // The security-team spec's webhook receiver listens on loopback, which production refuses
  // unless allowed; a short poll keeps its wait for the delivery short.
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS ??= "true";
  process.env.WEBHOOK_POLL_SECONDS ??= "1";
  // IdP MFA trusted, with "sms" even listed as acceptable: the identity spec proves it still
  // never counts. The sign-in fixture uses amr "pwd", so the portal's WebAuthn step still runs.
  process.env.TRUST_IDP_MFA ??= "true";
  process.env.IDP_MFA_AMR ??= "hwk,sms";
  const browser = await findChromium(root);
  console.log(`\n━━ end-to-end: Chromium ${browser.source}: ${browser.executablePath} ━━`);
  const appPort = Number(process.env.E2E_APP_PORT || 3100);
  const httpsPort = Number(process.env.EDGE_HTTPS_PORT || 3443);
  const publicUrl = throughEdge ? `https://localhost:${httpsPort}` : `http://localhost:${appPort}`;
  const logs: string[] = [];
  console.log(
    `\n━━ end-to-end: starting the production build with a fresh seeded database${throughEdge ? ", two instances behind the edge" : ""} ━━`,
  );
  const stack = await startStack({
    publicUrl,
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
  let edge: EdgeStack | null = null;
  try {
    await waitForHttp(`http://localhost:${appPort}/api/ready`);
    const e2eEnv = {
      ...stack.env,
      E2E_BASE_URL: publicUrl,
      // Specs that test the app server itself over raw sockets (body limits, problem answers)
      // talk to one instance directly, also when the suite runs through the edge.
      E2E_APP_URL: `http://localhost:${appPort}`,
      E2E_DATABASE_URL: database.ownerUrl,
      ...browser.env,
      CHROMIUM_PATH: browser.executablePath,
    };
    // `npm test -- e2e e2e/some.spec.ts` narrows the run while iterating.
    const specs = process.argv.slice(3);
    if (!throughEdge) {
      step("end-to-end tests", bin("playwright"), ["test", ...specs], e2eEnv);
      return;
    }
    edge = await startEdgeStack({
      dataRoot: path.join(root, ".test-data", "e2e"),
      appEnv: stack.env,
      appPorts: [appPort, Number(process.env.E2E_APP2_PORT || appPort + 2)],
      httpsPort,
      httpPort: Number(process.env.EDGE_HTTP_PORT || appPort + 3),
      log: (line) => logs.push(line),
      // tests/edge/access-lists.test.ts stands in for other networks with loopback addresses.
      edge: { denyList: "127.0.0.66 1;\n", staffAllowList: "127.0.0.1 1;\n::1 1;\n" },
    });
    const edgeEnv = {
      ...e2eEnv,
      EDGE_URL: edge.url,
      EDGE_AUDIT_LOG: edge.edge.auditLog,
      EDGE_ACCESS_LOG: edge.edge.accessLog,
      EDGE_APP_PORTS: edge.appPorts.join(","),
      // Node's fetch (agent spec, edge tests) verifies the edge against the local CA; Chromium
      // is told the edge's key instead, so pages count as a secure context (WebAuthn).
      NODE_EXTRA_CA_CERTS: edge.caCert,
      E2E_CHROMIUM_ARGS: `--ignore-certificate-errors-spki-list=${edge.spkiHash}`,
    };
    // `npm test -- edge tests/edge/x.test.ts e2e/y.spec.ts` narrows either part.
    const failover = "tests/edge/failover.test.ts";
    const edgeTests = specs.filter((s) => s.startsWith("tests/edge/") && s !== failover);
    const e2eSpecs = specs.filter((s) => !s.startsWith("tests/edge/"));
    const all = specs.length === 0;
    const vitestEdge = ["run", "--config", "tests/edge/vitest.config.ts"];
    if (all || edgeTests.length)
      step(
        "edge: WAF, access lists, shared limits",
        bin("vitest"),
        [...vitestEdge, ...edgeTests],
        edgeEnv,
      );
    if (all || e2eSpecs.length)
      step(
        "end-to-end tests through the edge (two instances)",
        bin("playwright"),
        ["test", ...e2eSpecs],
        edgeEnv,
      );
    // Last: it kills the second instance.
    if (all || specs.includes(failover)) {
      step("edge: failover when an instance dies", bin("vitest"), [...vitestEdge, failover], {
        ...edgeEnv,
        EDGE_VICTIM_PGID: String(edge.instancePgid(1) ?? ""),
      });
    }
  } catch (error) {
    console.error("Last app/IdP/nginx log lines:\n" + logs.slice(-60).join("\n"));
    throw error;
  } finally {
    await edge?.stop();
    await stack.stop();
    await dropTestDatabase(database);
  }
}

main().catch((error: unknown) => {
  if (!(error instanceof StepFailed)) console.error(error);
  process.exit(1);
});
