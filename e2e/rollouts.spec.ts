// Rollouts end to end (issue 15): the release manager publishes acme-server 2.1.0 as a rollout
// of 10% then 100%; a simulated fleet (the reference agent's own code, in a loop over machine
// ids on the demo license) updates, and the machines the first phase admits fail their health
// check after the first one; the rollout halts by itself, an alert is raised, the fleet view
// shows the failures; the manager aborts and approves a rollback to 2.0.0, and the agent that
// installed 2.1.0 goes back. 2.1.0 is yanked at the end, so later specs find the seeded
// catalogue (2.0.0 the newest stable) unchanged.
import { createHash, createPublicKey, hkdfSync, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { mkdir, readlink, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { AgentConfig } from "../agent/config";
import { AgentError } from "../agent/errors";
import { runUpdate } from "../agent/run";
import { assignBucket, machineKey } from "../lib/rollouts/assign-bucket";
import { query } from "./fixtures/db";
import { signInAsStaff } from "./fixtures/sign-in";
import { rememberCredential } from "./fixtures/webauthn";

const BASE = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const PRODUCT = "acme-server";
const VERSION = "2.1.0";
const MANAGER = "release@vendor.test";
const IN_FIRST_PHASE = 3;
const OUTSIDE = 8;

test.describe.configure({ mode: "serial" });

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through \`npm test -- e2e\``);
  return value;
}

// The server's bucket key (lib/rollouts/assign-bucket.ts), so the test can pick a fleet whose
// first phase is not empty: with a handful of machines a 10% phase could admit none.
const bucketKey = () =>
  Buffer.from(hkdfSync("sha256", env("LICENSE_HMAC_KEY"), "", "tollgate rollout buckets v1", 32));

async function pipelineAuth(request: APIRequestContext) {
  const token = await request.post("/api/oauth/token", {
    form: {
      grant_type: "client_credentials",
      client_id: "demo-pipeline",
      client_secret: "demo-pipeline-secret",
    },
  });
  expect(token.status()).toBe(200);
  return {
    authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}`,
  };
}

async function installation(version: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-e2e-fleet-"));
  await mkdir(path.join(dir, "releases", version), { recursive: true });
  await writeFile(path.join(dir, "releases", version, "VERSION"), `${version}\n`);
  await symlink(path.join("releases", version), path.join(dir, "current"));
  return dir;
}

interface FleetMachine {
  id: string;
  dir: string;
  config: AgentConfig;
  first: boolean;
}

let releaseId = "";
let licenseId = "";
let savedLimit: number | null = null;
const fleet: FleetMachine[] = [];

test.beforeAll(async ({ request }) => {
  const [license] = await query<{ id: string; maxMachines: number | null }>(
    `SELECT l.id, l."maxMachines" FROM "License" l JOIN "ApiClient" a ON a."licenseId" = l.id
      WHERE a."clientId" = 'demo-agent'`,
  );
  if (!license) throw new Error("the demo agent's license is missing");
  licenseId = license.id;
  savedLimit = license.maxMachines;
  // The fleet joins the demo license beside the other specs' machines.
  await query(
    `UPDATE "License" SET "maxMachines" = COALESCE("maxMachines", 0) + 30 WHERE id = $1`,
    [licenseId],
  );
  const auth = await pipelineAuth(request);
  const created = await request.post("/api/releases", {
    headers: auth,
    data: { product: PRODUCT, version: VERSION, channel: "stable", notes: "Phased" },
  });
  expect(created.status(), await created.text()).toBe(201);
  releaseId = ((await created.json()) as { id: string }).id;
  const body = Buffer.from(
    `#!/bin/sh\necho acme-server ${VERSION}\n${randomBytes(64).toString("hex")}\n`,
  );
  const uploaded = await request.put(`/api/releases/${releaseId}/artifacts/linux/x64`, {
    headers: {
      ...auth,
      "content-type": "application/octet-stream",
      "x-checksum-sha256": createHash("sha256").update(body).digest("hex"),
      "x-file-name": `acme-server-${VERSION}-linux-x64.sh`,
    },
    data: body,
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
});

test.afterAll(async ({ request }) => {
  if (releaseId) {
    const auth = await pipelineAuth(request);
    await request.post(`/api/releases/${releaseId}/yank`, {
      headers: auth,
      data: { reason: "rollouts spec cleanup" },
    });
  }
  if (licenseId)
    await query(`UPDATE "License" SET "maxMachines" = $2 WHERE id = $1`, [licenseId, savedLimit]);
});

test("a phased rollout halts on failures, and an approved rollback takes the fleet back", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const auth = await signInAsStaff(page, MANAGER, {
    next: `/admin/products/${PRODUCT}/releases/${releaseId}`,
  });
  await page.getByRole("button", { name: "Publish" }).click();
  const dialog = page.getByRole("dialog", { name: `Publish ${VERSION}?` });
  await dialog.getByLabel("Roll out in phases").check();
  await dialog.getByLabel("Phases (% of machines)").fill("10, 100");
  await dialog.getByLabel("Halt at % failed").fill("20");
  await dialog.getByLabel("Minimum soak (minutes)").fill("0");
  await dialog.getByLabel("Reports before judging").fill("2");
  await page.screenshot({ path: "test-results/rollouts-publish.png", fullPage: true });
  await dialog.getByRole("button", { name: "Publish as rollout" }).click();
  await expect(page.getByTestId("release-status")).toContainText(/published/i, { timeout: 20_000 });
  const [rollout] = await query<{ id: string; status: string }>(
    `SELECT id, status::text FROM "Rollout" WHERE "releaseId" = $1`,
    [releaseId],
  );
  expect(rollout?.status).toBe("ACTIVE");

  // The fleet: machines at 2.0.0, three of them admitted by the 10% phase, eight not.
  const key = bucketKey();
  const publicKey = createPublicKey(env("RELEASE_SIGNING_KEY"));
  for (
    let i = 0;
    fleet.filter((m) => m.first).length < IN_FIRST_PHASE || fleet.length < IN_FIRST_PHASE + OUTSIDE;
    i++
  ) {
    if (i > 2000) throw new Error("could not assemble the fleet");
    const id = `e2e-fleet-${randomBytes(4).toString("hex")}`;
    const first = assignBucket(machineKey(licenseId, id), releaseId, key) < 1000;
    if (
      first
        ? fleet.filter((m) => m.first).length >= IN_FIRST_PHASE
        : fleet.filter((m) => !m.first).length >= OUTSIDE
    )
      continue;
    const dir = await installation("2.0.0");
    fleet.push({
      id,
      dir,
      first,
      config: {
        server: new URL(BASE),
        clientId: "demo-agent",
        clientSecret: "demo-agent-secret",
        publicKeys: [publicKey],
        product: PRODUCT,
        channel: "stable",
        platform: "linux",
        arch: "x64",
        machineId: id,
        hostname: "fleet",
        dir,
        version: null,
        quiet: true,
        json: false,
      },
    });
  }
  // The first machine of the phase that installs is healthy; the others fail their health check.
  let healthy = 1;
  const outcomes: string[] = [];
  for (const machine of fleet) {
    try {
      const outcome = await runUpdate(machine.config, {
        hooks: { healthCheck: async () => healthy-- > 0 },
      });
      outcomes.push(`${machine.first ? "in" : "out"}:${outcome.status}:${outcome.to}`);
    } catch (error) {
      if (!(error instanceof AgentError)) throw error;
      outcomes.push(`${machine.first ? "in" : "out"}:${error.code}`);
    }
  }
  // Outside the first phase nobody was offered 2.1.0.
  expect(outcomes.filter((o) => o.startsWith("out:"))).toEqual(
    Array.from({ length: OUTSIDE }, () => "out:up_to_date:2.0.0"),
  );
  expect(outcomes.filter((o) => o.startsWith("in:"))).toContain("in:updated:2.1.0");
  expect(outcomes.filter((o) => o.startsWith("in:"))).toContain("in:health_check_failed");

  // Halted by itself, with an alert.
  const [halted] = await query<{ status: string }>(
    `SELECT status::text FROM "Rollout" WHERE id = $1`,
    [rollout?.id],
  );
  expect(halted?.status).toBe("HALTED");
  const alerts = await query<{ title: string }>(
    `SELECT title FROM "Alert" WHERE kind = 'rollout.halted' AND subject = $1`,
    [rollout?.id],
  );
  expect(alerts.map((a) => a.title)).toEqual([`Rollout of ${PRODUCT} ${VERSION} halted`]);

  await page.goto(`/admin/products/${PRODUCT}/fleet`);
  const card = page.getByTestId(`rollout-${VERSION}`);
  await expect(card).toContainText("halted");
  await expect(card).toContainText("Halted automatically");
  await expect(card.getByTestId("failed-1")).not.toHaveText("0");
  await expect(card).toContainText("health_check_failed");
  await expect(page.getByRole("table", { name: "Machines", exact: true })).toContainText(
    "Rolled back",
  );
  await page.screenshot({ path: "test-results/rollouts-halted.png", fullPage: true });

  // Abort, then approve the rollback to 2.0.0 (both with a step-up).
  await card.getByRole("button", { name: "Abort" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Abort rollout" }).click();
  await expect(card).toContainText("aborted", { timeout: 20_000 });
  await page.getByRole("button", { name: "Roll back…" }).click();
  const rollback = page.getByRole("dialog", { name: "Approve a rollback" });
  await rollback.getByLabel("From (the bad release)").selectOption({ label: VERSION });
  await rollback.getByLabel("Back to").selectOption({ label: "2.0.0" });
  await rollback.getByLabel("Reason").fill("2.1.0 fails its health check");
  await rollback.getByRole("button", { name: "Approve rollback" }).click();
  await expect(page.getByRole("table", { name: "Approved rollbacks" })).toContainText(
    `${VERSION} → 2.0.0`,
    { timeout: 20_000 },
  );
  // The in-page step-ups (publish, abort, rollback) raised the key's signature counter: remember
  // it, or the next spec's sign-in presents a stale counter and is refused as a cloned key.
  await rememberCredential(auth, MANAGER);

  // The agents go back: the one on 2.1.0 installs 2.0.0 under the rollback instruction.
  const onNew = [];
  for (const machine of fleet)
    if ((await readlink(path.join(machine.dir, "current"))) === path.join("releases", VERSION))
      onNew.push(machine);
  expect(onNew).toHaveLength(1);
  for (const machine of onNew) {
    const outcome = await runUpdate(machine.config);
    expect(outcome).toMatchObject({ status: "updated", from: VERSION, to: "2.0.0" });
    expect(await readlink(path.join(machine.dir, "current"))).toBe(path.join("releases", "2.0.0"));
  }
  // And nobody is offered 2.1.0 again.
  for (const machine of fleet)
    expect(await runUpdate(machine.config)).toMatchObject({ status: "up_to_date", to: "2.0.0" });
  await page.reload();
  await page.screenshot({ path: "test-results/rollouts-rolled-back.png", fullPage: true });
  await expect(page.getByRole("table", { name: "Machines by customer and state" })).toBeVisible();
});
