// Version policy in the update check: a license (or its customer) pinned to a version line is
// never offered, nor told of, a version outside it; a required release is passed through; and
// an approved rollback answers the machines in its scope with an expiring instruction.
import semver from "semver";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { publishRelease } from "@/lib/releases/publish-release";
import { cancelRollback, directRollback } from "@/lib/rollouts/direct-rollback";
import { setVersionPin, removeVersionPin } from "@/lib/rollouts/set-version-pin";
import { newRequest, staffActor } from "../authz/factories";
import {
  callUpdate,
  checkBody,
  hex,
  makeAgent,
  makeLicense,
  makeWorld,
  onlyUpdate,
  release,
  SYSTEM,
} from "../updates/factories";

const LINE = ["1.0.0", "2.0.0", "2.1.0", "2.1.5", "2.2.0", "3.0.0", "3.1.0-rc.1"];

async function fullLine() {
  const w = await makeWorld();
  const ids: Record<string, string> = {};
  for (const v of LINE) ids[v] = (await release(w.product.slug, v)).id;
  return { ...w, ids };
}

describe("version pins", () => {
  it("never offers a pinned license a version outside its line, from any installed version", async () => {
    const w = await fullLine();
    for (const range of ["~2.1", "2.x", "<2.1.5", "^3.0.0-0"]) {
      await setVersionPin({
        actor: SYSTEM,
        input: { product: w.product.slug, licenseId: w.license.id, range },
      });
      for (const installed of ["0.9.0", ...LINE]) {
        const item = await onlyUpdate(w.agent.token, w.product.slug, installed);
        const label = `${range} from ${installed}: ${JSON.stringify(item)}`;
        if (item.release) expect(semver.satisfies(item.release.version, range), label).toBe(true);
        if (item.latest) expect(semver.satisfies(item.latest, range), label).toBe(true);
      }
    }
    // Within ~2.1 the newest is offered.
    await setVersionPin({
      actor: SYSTEM,
      input: { product: w.product.slug, licenseId: w.license.id, range: "~2.1" },
    });
    expect(await onlyUpdate(w.agent.token, w.product.slug, "1.0.0")).toMatchObject({
      status: "update_available",
      latest: "2.1.5",
      release: { version: "2.1.5" },
    });
  });

  it("pins every license of a customer; a license's own pin wins; removing it restores the customer's", async () => {
    const w = await fullLine();
    await setVersionPin({
      actor: SYSTEM,
      input: { product: w.product.slug, customerId: w.customer.id, range: "2.x" },
    });
    expect((await onlyUpdate(w.agent.token, w.product.slug, "1.0.0")).latest).toBe("2.2.0");
    await setVersionPin({
      actor: SYSTEM,
      input: { product: w.product.slug, licenseId: w.license.id, range: "~2.1" },
    });
    expect((await onlyUpdate(w.agent.token, w.product.slug, "1.0.0")).latest).toBe("2.1.5");
    await removeVersionPin({
      actor: SYSTEM,
      input: { product: w.product.slug, licenseId: w.license.id },
    });
    expect((await onlyUpdate(w.agent.token, w.product.slug, "1.0.0")).latest).toBe("2.2.0");
  });

  it("validates the range and needs licenses:write; both are audited", async () => {
    const w = await fullLine();
    for (const range of ["two", "2.x; DROP", "", "x".repeat(65)])
      await expect(
        setVersionPin({
          actor: SYSTEM,
          input: { product: w.product.slug, licenseId: w.license.id, range },
        }),
      ).rejects.toMatchObject({ code: "validation_failed" });
    const support = await staffActor({ roles: ["support"] });
    await expect(
      setVersionPin({
        actor: support,
        input: { product: w.product.slug, licenseId: w.license.id, range: "2.x" },
      }),
    ).rejects.toMatchObject({ status: 403 });
    const admin = await staffActor({ roles: ["security_admin"] });
    const request = newRequest();
    const pin = await setVersionPin({
      actor: admin,
      input: { product: w.product.slug, licenseId: w.license.id, range: "2.x" },
      request,
    });
    expect(
      await db().auditEvent.findFirst({
        where: { action: "version_pins.set", targetId: pin.id, requestId: request.requestId },
      }),
    ).toMatchObject({ after: { range: "2.x" } });
  });
});

describe("required releases", () => {
  it("makes agents below a required release pass through it first", async () => {
    const w = await makeWorld();
    await release(w.product.slug, "1.0.0");
    const draft = await release(w.product.slug, "1.5.0", { publish: false });
    await db().release.update({ where: { id: draft.id }, data: { required: true } });
    await publishRelease({ actor: SYSTEM, input: { releaseId: draft.id } });
    await release(w.product.slug, "2.0.0");
    expect(await onlyUpdate(w.agent.token, w.product.slug, "1.0.0")).toMatchObject({
      latest: "2.0.0",
      release: { version: "1.5.0", steppingStone: true },
    });
    expect(await onlyUpdate(w.agent.token, w.product.slug, "1.5.0")).toMatchObject({
      release: { version: "2.0.0", steppingStone: false },
    });
  });
});

describe("approved rollbacks in the answer", () => {
  it("tells machines on `from` in scope to go back, with an instruction bound to the machine", async () => {
    const w = await fullLine();
    const other = await makeLicense({ productId: w.product.id });
    const otherAgent = await makeAgent(other.license.id);
    const manager = await staffActor({ roles: ["release_manager"] });
    const directive = await directRollback({
      actor: manager,
      input: {
        fromReleaseId: w.ids["2.2.0"] ?? "",
        toReleaseId: w.ids["2.1.5"] ?? "",
        scope: "CUSTOMER",
        customerId: w.customer.id,
        reason: "2.2.0 corrupts the cache",
        expiresInHours: 2,
      },
      request: newRequest(),
    });
    const machineId = `m-${hex()}`;
    const { json } = await callUpdate(checkBody(w.product.slug, "2.2.0", {}, machineId), {
      token: w.agent.token,
    });
    expect(json.updates?.[0]).toMatchObject({
      status: "update_available",
      release: { version: "2.1.5" },
      rollback: {
        id: directive.id,
        license: w.license.id,
        machine: machineId,
        product: w.product.slug,
        from: "2.2.0",
        to: "2.1.5",
        expiresAt: directive.expiresAt.toISOString(),
        reason: "2.2.0 corrupts the cache",
      },
    });
    // In scope, the machine is not offered 2.2.0 again from an older version.
    expect(await onlyUpdate(w.agent.token, w.product.slug, "2.1.5")).toMatchObject({
      status: "update_available",
      release: { version: "3.1.0-rc.1" },
    });
    expect((await onlyUpdate(w.agent.token, w.product.slug, "2.1.0")).release?.version).toBe(
      "3.1.0-rc.1",
    );
    // Another customer's machines are not touched.
    expect(await onlyUpdate(otherAgent.token, w.product.slug, "2.2.0")).toMatchObject({
      release: { version: "3.1.0-rc.1" },
    });
    expect(await onlyUpdate(otherAgent.token, w.product.slug, "2.2.0")).not.toHaveProperty(
      "rollback",
    );
    // Cancelled: back to normal.
    await cancelRollback({ actor: manager, input: { directiveId: directive.id } });
    expect(await onlyUpdate(w.agent.token, w.product.slug, "2.2.0")).not.toHaveProperty("rollback");
  });

  it("refuses rollbacks that go up, to an unpublished release, across products, or without rollouts:manage", async () => {
    const w = await fullLine();
    const base = { scope: "ALL" as const, reason: "test" };
    const support = await staffActor({ roles: ["support"] });
    await expect(
      directRollback({
        actor: support,
        input: { ...base, fromReleaseId: w.ids["2.2.0"] ?? "", toReleaseId: w.ids["2.0.0"] ?? "" },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      directRollback({
        actor: SYSTEM,
        input: { ...base, fromReleaseId: w.ids["2.0.0"] ?? "", toReleaseId: w.ids["2.2.0"] ?? "" },
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const draft = await release(w.product.slug, "1.9.0", { publish: false });
    await expect(
      directRollback({
        actor: SYSTEM,
        input: { ...base, fromReleaseId: w.ids["2.0.0"] ?? "", toReleaseId: draft.id },
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const elsewhere = await makeWorld();
    const foreign = await release(elsewhere.product.slug, "0.1.0");
    await expect(
      directRollback({
        actor: SYSTEM,
        input: { ...base, fromReleaseId: w.ids["2.0.0"] ?? "", toReleaseId: foreign.id },
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
