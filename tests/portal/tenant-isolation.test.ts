// Every customer read and action tried with another customer's ids and with guessed ids: each is
// the same 404 as a missing row, and nothing of the other customer changes or shows.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiClient } from "@/lib/oauth/create-api-client";
import { revokeApiClient } from "@/lib/oauth/revoke-api-client";
import { rotateApiClientSecret } from "@/lib/oauth/rotate-api-client-secret";
import { getPortalLicense } from "@/lib/portal/get-portal-license";
import { getPortalRelease } from "@/lib/portal/get-portal-release";
import { listAgentCredentials } from "@/lib/portal/list-agent-credentials";
import { listCustomerActivity } from "@/lib/portal/list-customer-activity";
import { listCustomerMachines } from "@/lib/portal/list-customer-machines";
import { listPortalDownloads } from "@/lib/portal/list-portal-downloads";
import { hex, makeAgent } from "../updates/factories";
import { codeOf, portalUser, portalWorld } from "./factories";

const AGENT_SCOPES = ["update:check", "update:download"] as const;

describe("customer update agents through lib/oauth", () => {
  it("a customer admin creates, rotates with overlap and revokes agents of their own licenses", async () => {
    const world = await portalWorld();
    const admin = world.mine.admin;
    const { client, secret } = await createApiClient({
      actor: admin,
      input: {
        kind: "AGENT",
        name: "web",
        licenseId: world.mine.license.id,
        scopes: [...AGENT_SCOPES],
      },
    });
    expect(secret.length).toBeGreaterThan(20);
    expect(client).toMatchObject({
      customerId: world.mine.customer.id,
      licenseId: world.mine.license.id,
    });
    const rotated = await rotateApiClientSecret({
      actor: admin,
      input: { apiClientId: client.id, overlapSeconds: 3600 },
    });
    expect(rotated.client.secrets.filter((s) => s.live)).toHaveLength(2);
    await revokeApiClient({ actor: admin, input: { apiClientId: client.id } });
    const [listed] = await listAgentCredentials(admin);
    expect(listed).toMatchObject({ id: client.id, status: "REVOKED", machineCount: 0 });
    const audit = await db().auditEvent.count({
      where: { targetId: client.id, actorId: admin.userId },
    });
    expect(audit).toBe(3);
  });

  it("refuses members, pipelines, boundaries, and another customer's license or client as a 404", async () => {
    const world = await portalWorld();
    const admin = world.mine.admin;
    const member = await portalUser(world.mine.customer.id, "MEMBER");
    const agent = {
      kind: "AGENT" as const,
      name: "x",
      licenseId: world.mine.license.id,
      scopes: [...AGENT_SCOPES],
    };
    expect(await codeOf(createApiClient({ actor: member, input: agent }))).toBe("forbidden");
    expect(
      await codeOf(
        createApiClient({
          actor: admin,
          input: { kind: "PIPELINE", name: "p", scopes: ["releases:read"] },
        }),
      ),
    ).toBe("forbidden");
    const boundary = await db().permissionBoundary.create({
      data: { name: `b-${hex()}`, permissions: [...AGENT_SCOPES] },
    });
    expect(
      await codeOf(createApiClient({ actor: admin, input: { ...agent, boundaryId: boundary.id } })),
    ).toBe("forbidden");
    expect(
      await codeOf(
        createApiClient({ actor: admin, input: { ...agent, licenseId: world.theirs.license.id } }),
      ),
    ).toBe("not_found");
    expect(
      await codeOf(
        createApiClient({ actor: admin, input: { ...agent, licenseId: `lic_${hex(16)}` } }),
      ),
    ).toBe("not_found");

    const theirs = await makeAgent(world.theirs.license.id);
    for (const apiClientId of [theirs.client.id, `cli_${hex(16)}`]) {
      expect(await codeOf(rotateApiClientSecret({ actor: admin, input: { apiClientId } }))).toBe(
        "not_found",
      );
      expect(await codeOf(revokeApiClient({ actor: admin, input: { apiClientId } }))).toBe(
        "not_found",
      );
    }
    const mine = await makeAgent(world.mine.license.id);
    expect(
      await codeOf(
        rotateApiClientSecret({ actor: member, input: { apiClientId: mine.client.id } }),
      ),
    ).toBe("forbidden");
    const untouched = await db().apiClient.findUniqueOrThrow({
      where: { id: theirs.client.id },
      include: { secrets: true },
    });
    expect(untouched.status).toBe("ACTIVE");
    expect(untouched.secrets).toHaveLength(1);
    expect((await listAgentCredentials(admin)).map((a) => a.id)).toEqual([mine.client.id]);
  });
});

describe("customer reads", () => {
  it("another customer's license and release, and guessed ids, are 404s", async () => {
    const world = await portalWorld();
    const me = world.mine.admin;
    for (const id of [world.theirs.license.id, `lic_${hex(16)}`, "lic_../../x"]) {
      expect(await codeOf(getPortalLicense(me, id))).toBe("not_found");
    }
    expect(await codeOf(getPortalLicense(me, world.mine.license.id))).toBe("ok");
    for (const id of [world.other.release.id, world.releases.beta.id, `rel_${hex(16)}`, "nope"]) {
      expect(await codeOf(getPortalRelease(me, id))).toBe("not_found");
    }
    const detail = await getPortalRelease(me, world.releases.v200.id);
    expect(detail.artifacts.map((a) => `${a.platform}/${a.arch}`)).toEqual([
      "linux/arm64",
      "linux/x64",
    ]);
  });

  it("machines and activity show only the customer's own, and say which machines are behind", async () => {
    const world = await portalWorld();
    const mine = await makeAgent(world.mine.license.id);
    const theirs = await makeAgent(world.theirs.license.id);
    await db().machine.create({
      data: {
        licenseId: world.mine.license.id,
        apiClientId: mine.client.id,
        machineId: `m-${hex()}`,
        versions: [
          {
            product: world.product.slug,
            version: "1.1.0",
            channel: "stable",
            platform: "linux",
            arch: "x64",
          },
        ],
      },
    });
    await db().machine.create({
      data: {
        licenseId: world.theirs.license.id,
        apiClientId: theirs.client.id,
        machineId: `m-${hex()}`,
      },
    });
    const tracks = await listPortalDownloads(world.mine.admin);
    const machines = await listCustomerMachines(world.mine.admin, tracks);
    expect(machines).toHaveLength(1);
    expect(machines[0]?.reported[0]).toMatchObject({ version: "1.1.0", behind: "2.0.0" });
    expect(
      await listCustomerMachines(world.mine.admin, tracks, { apiClientId: theirs.client.id }),
    ).toEqual([]);

    const activity = await listCustomerActivity(world.mine.admin);
    const targets = new Set(activity.map((a) => a.targetId));
    expect(targets.has(mine.client.id)).toBe(true);
    expect(targets.has(theirs.client.id)).toBe(false);
    expect(activity.every((a) => a.actorLabel !== "update-tests")).toBe(true);
  });
});
