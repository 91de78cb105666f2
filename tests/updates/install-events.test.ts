// POST /api/update/events: install feedback is recorded once per (machine, release, event), only
// for releases of products the client's license is entitled to, from machines that checked in,
// and every report is audited.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  callEvents,
  callUpdate,
  checkBody,
  hex,
  makeAgent,
  makeLicense,
  makeProduct,
  makeWorld,
  release,
} from "./factories";

async function checkedIn() {
  const world = await makeWorld();
  const v1 = await release(world.product.slug, "1.0.0");
  const v2 = await release(world.product.slug, "2.0.0");
  const machineId = `m-${hex()}`;
  const check = await callUpdate(checkBody(world.product.slug, "1.0.0", {}, machineId), {
    token: world.agent.token,
  });
  expect(check.res.status).toBe(200);
  return { ...world, v1, v2, machineId };
}

const report = (machineId: string, events: unknown[]) => ({ machine: { id: machineId }, events });

describe("install events", () => {
  it("records each step once: a retried report answers duplicate and adds no row", async () => {
    const { agent, product, machineId, v2 } = await checkedIn();
    const events = [
      { product: product.slug, version: "2.0.0", event: "downloaded", durationMs: 1200 },
      { product: product.slug, version: "2.0.0", event: "verified", previousVersion: "1.0.0" },
      { product: product.slug, version: "2.0.0", event: "installed", previousVersion: "1.0.0" },
    ];
    const first = await callEvents(report(machineId, events), { token: agent.token });
    expect(first.res.status).toBe(200);
    expect((first.json.results as { status: string }[]).map((r) => r.status)).toEqual([
      "recorded",
      "recorded",
      "recorded",
    ]);
    // The same report again, twice at once: nothing new.
    const retries = await Promise.all([
      callEvents(report(machineId, events), { token: agent.token }),
      callEvents(report(machineId, events), { token: agent.token }),
    ]);
    for (const retry of retries) {
      expect(retry.res.status).toBe(200);
      expect((retry.json.results as { status: string }[]).map((r) => r.status)).toEqual([
        "duplicate",
        "duplicate",
        "duplicate",
      ]);
    }
    const rows = await db().installEvent.findMany({ where: { releaseId: v2.id } });
    expect(rows.map((r) => r.kind).sort()).toEqual(["DOWNLOADED", "INSTALLED", "VERIFIED"]);
    // The machine runs 2.0.0 now, before its next check-in says so.
    const machine = await db().machine.findFirstOrThrow({ where: { machineId } });
    expect(machine.versions).toEqual([
      expect.objectContaining({ product: product.slug, version: "2.0.0" }),
    ]);
    expect(rows.find((r) => r.kind === "DOWNLOADED")?.durationMs).toBe(1200);
    expect(rows.find((r) => r.kind === "INSTALLED")?.previousVersion).toBe("1.0.0");
  });

  it("keeps a failure's code and message, and counts a repeat within one report once", async () => {
    const { agent, product, machineId, v2 } = await checkedIn();
    const failed = {
      product: product.slug,
      version: "2.0.0",
      event: "failed",
      error: { code: "checksum_mismatch", message: "SHA-256 differs from the signed answer" },
    };
    const res = await callEvents(report(machineId, [failed, failed]), { token: agent.token });
    expect((res.json.results as { status: string }[]).map((r) => r.status)).toEqual([
      "recorded",
      "duplicate",
    ]);
    const rows = await db().installEvent.findMany({ where: { releaseId: v2.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "FAILED", errorCode: "checksum_mismatch" });
  });

  it("audits every report with what became of each event", async () => {
    const { agent, product, machineId, requestId } = {
      ...(await checkedIn()),
      requestId: `req-${hex(8)}`,
    };
    await callEvents(
      report(machineId, [{ product: product.slug, version: "2.0.0", event: "downloaded" }]),
      { token: agent.token, requestId },
    );
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { requestId, action: "updates.events_reported" },
    });
    expect(audit.metadata).toMatchObject({
      machine: machineId,
      events: [{ version: "2.0.0", event: "downloaded", status: "recorded" }],
    });
  });

  it("stores nothing for a version that is not a release of an entitled product", async () => {
    const { agent, product, machineId } = await checkedIn();
    // Another vendor product, with a release, that this license is not entitled to.
    const other = await makeProduct();
    await release(other.slug, "9.0.0");
    const res = await callEvents(
      report(machineId, [
        { product: product.slug, version: "7.7.7", event: "installed" },
        { product: other.slug, version: "9.0.0", event: "installed" },
      ]),
      { token: agent.token },
    );
    expect(res.res.status).toBe(200);
    expect((res.json.results as { status: string }[]).map((r) => r.status)).toEqual([
      "unknown_release",
      "unknown_release",
    ]);
    const machine = await db().machine.findFirstOrThrow({ where: { machineId } });
    expect(await db().installEvent.count({ where: { machineId: machine.id } })).toBe(0);
  });

  it("refuses a machine that never checked in with this license (another license's machine too)", async () => {
    const { product, machineId } = await checkedIn();
    const { license } = await makeLicense({ productId: product.id });
    const stranger = await makeAgent(license.id);
    const res = await callEvents(
      report(machineId, [{ product: product.slug, version: "2.0.0", event: "installed" }]),
      { token: stranger.token },
    );
    expect(res.res.status).toBe(404);
    expect(await db().installEvent.count({ where: { licenseId: license.id } })).toBe(0);
  });

  it("needs the update:report scope", async () => {
    const { license, product, machineId } = await checkedIn();
    const checker = await makeAgent(license.id, ["update:check", "update:download"]);
    const res = await callEvents(
      report(machineId, [{ product: product.slug, version: "2.0.0", event: "installed" }]),
      { token: checker.token },
    );
    expect(res.res.status).toBe(403);
    expect(await callEvents(report(machineId, []), { token: null })).toMatchObject({
      res: { status: 401 },
    });
  });

  it("refuses hostile bodies field by field", async () => {
    const { agent, product, machineId } = await checkedIn();
    const bad: Array<[unknown, string]> = [
      [report(machineId, [{ product: product.slug, version: "2.0.0", event: "failed" }]), "error"],
      [
        report(machineId, [{ product: product.slug, version: "2.0.0", event: "exploded" }]),
        "event",
      ],
      [
        report(machineId, [
          { product: product.slug, version: "2.0.0", event: "installed", admin: true },
        ]),
        "events.0",
      ],
      [
        report(machineId, [
          {
            product: product.slug,
            version: "2.0.0",
            event: "failed",
            error: { code: "DROP TABLE", message: "x" },
          },
        ]),
        "code",
      ],
      [
        report(
          machineId,
          Array.from({ length: 21 }, () => ({})),
        ),
        "events",
      ],
      [
        report("../etc/passwd", [{ product: product.slug, version: "2.0.0", event: "verified" }]),
        "machine",
      ],
    ];
    for (const [body, field] of bad) {
      const res = await callEvents(body, { token: agent.token });
      expect(res.res.status, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(JSON.stringify(res.json.errors)).toContain(field);
    }
  });
});
