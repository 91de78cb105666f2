// POST /api/update through the real route handler, with real tokens from the token endpoint:
// every resolution rule, the signed answer, the machine record and the audit trail.
import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { yankRelease } from "@/lib/releases/yank-release";
import { verifyArtifactSignature } from "@/lib/signing/artifact-signature";
import { currentKeyring } from "@/lib/signing/keyring";
import { parseSignatureHeader } from "@/lib/updates/answer-signature";
import { updateAnswerSchema } from "@/lib/updates/update-check.schema";
import {
  callUpdate,
  checkBody,
  hex,
  makeAgent,
  makeLicense,
  makeProduct,
  makeWorld,
  onlyUpdate,
  release,
  SYSTEM,
} from "./factories";

const DAY = 86_400_000;

async function standardReleases(slug: string) {
  await release(slug, "1.0.0");
  await release(slug, "1.1.0");
  const v2 = await release(slug, "2.0.0", {
    targets: [
      ["linux", "x64"],
      ["windows", "x64"],
    ],
  });
  await release(slug, "2.1.0-beta.1", { channel: "beta" });
  return { v2 };
}

describe("POST /api/update resolution", () => {
  it("offers the newest published release with a signed, expiring artifact URL in a signed answer", async () => {
    const { product, agent, license } = await makeWorld();
    const { v2 } = await standardReleases(product.slug);
    const nonce = `n-${hex(12)}`;
    const body = { ...checkBody(product.slug, "1.0.0"), nonce };
    const before = Date.now();
    const { res, text, json } = await callUpdate(body, { token: agent.token });

    expect(res.status).toBe(200);
    const answer = updateAnswerSchema.parse(json);
    expect(answer).toMatchObject({
      format: "tollgate-update-answer-v1",
      client: agent.client.clientId,
      machine: body.machine.id,
      nonce,
    });
    expect(Date.parse(answer.expiresAt) - before).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(answer.expiresAt) - before).toBeLessThanOrEqual(5 * 60_000 + 2000);

    // The header signs the exact body bytes with the release key named in the answer.
    const signed = parseSignatureHeader(res.headers.get("x-tollgate-signature"));
    expect(signed?.keyId).toBe(answer.keyId);
    const publicKey = createPublicKey(currentKeyring().privateKey);
    expect(
      verify(null, Buffer.from(text), publicKey, Buffer.from(signed?.signature ?? "", "base64")),
    ).toBe(true);
    expect(
      verify(
        null,
        Buffer.from(text.replace("2.0.0", "2.0.1")),
        publicKey,
        Buffer.from(signed?.signature ?? "", "base64"),
      ),
    ).toBe(false);

    const [item] = answer.updates;
    expect(item).toMatchObject({
      product: product.slug,
      installed: "1.0.0",
      status: "update_available",
      latest: "2.0.0",
    });
    expect(item?.release).toMatchObject({
      version: "2.0.0",
      critical: false,
      steppingStone: false,
    });
    const artifact = item?.artifact;
    expect(artifact?.size).toBe(v2.contents.get("linux/x64")?.length);
    const url = new URL(artifact?.url ?? "");
    expect(url.pathname).toBe(`/api/downloads/${artifact?.id}`);
    expect(url.searchParams.get("client")).toBe(agent.client.id);
    expect(Number(url.searchParams.get("exp")) * 1000).toBe(Date.parse(artifact?.expiresAt ?? ""));
    expect(
      verifyArtifactSignature(
        {
          product: product.slug,
          version: "2.0.0",
          platform: "linux",
          arch: "x64",
          size: artifact?.size ?? 0,
          sha256: artifact?.sha256 ?? "",
        },
        { keyId: artifact?.keyId ?? "", signature: artifact?.signature ?? "" },
      ),
    ).toBe(true);

    // The check is recorded: the machine with its versions, and the audit event with outcomes.
    const machine = await db().machine.findUniqueOrThrow({
      where: { licenseId_machineId: { licenseId: license.id, machineId: body.machine.id } },
    });
    expect(machine).toMatchObject({
      apiClientId: agent.client.id,
      hostname: "build-01.example.test",
    });
    expect(machine.versions).toEqual([
      {
        product: product.slug,
        version: "1.0.0",
        channel: "stable",
        platform: "linux",
        arch: "x64",
      },
    ]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "updates.checked", targetId: license.id },
    });
    expect(event.result).toBe("SUCCESS");
    expect(event.actorId).toBe(agent.client.id);
    expect(event.metadata).toMatchObject({
      machine: { id: body.machine.id, registered: true },
      products: [
        { product: product.slug, installed: "1.0.0", status: "update_available", offered: "2.0.0" },
      ],
    });
    expect(JSON.stringify(event.metadata)).not.toContain("sig=");
  });

  it("answers up_to_date on the newest version, and never offers a lower one (rollback protection)", async () => {
    const { product, agent } = await makeWorld();
    await standardReleases(product.slug);
    expect(await onlyUpdate(agent.token, product.slug, "2.0.0")).toEqual(
      expect.objectContaining({ status: "up_to_date", latest: "2.0.0" }),
    );
    const ahead = await onlyUpdate(agent.token, product.slug, "3.0.0");
    expect(ahead).toMatchObject({ status: "up_to_date", latest: "2.0.0" });
    expect(ahead.release).toBeUndefined();
    expect(ahead.artifact).toBeUndefined();
    // An installed prerelease above everything published (2.0.1-rc.1 > 2.0.0) is up to date...
    expect((await onlyUpdate(agent.token, product.slug, "2.0.1-rc.1")).status).toBe("up_to_date");
    // ...while a prerelease of the newest version is behind it.
    expect(await onlyUpdate(agent.token, product.slug, "2.0.0-rc.1")).toMatchObject({
      status: "update_available",
      latest: "2.0.0",
    });
  });

  it("follows only entitled channels, and the beta channel when entitled", async () => {
    const product = await makeProduct();
    await standardReleases(product.slug);
    const stableOnly = await makeLicense({ productId: product.id });
    const stableAgent = await makeAgent(stableOnly.license.id);
    expect(
      await onlyUpdate(stableAgent.token, product.slug, "2.0.0", { channel: "beta" }),
    ).toMatchObject({
      status: "not_entitled",
      reason: "channel_not_entitled",
      latest: null,
    });
    const both = await makeLicense({ productId: product.id, channels: ["stable", "beta"] });
    const betaAgent = await makeAgent(both.license.id);
    const beta = await onlyUpdate(betaAgent.token, product.slug, "2.0.0", { channel: "beta" });
    expect(beta).toMatchObject({ status: "update_available", latest: "2.1.0-beta.1" });
  });

  it("refuses platforms and products the license does not entitle, without revealing anything about them", async () => {
    const { product, agent } = await makeWorld({ platforms: ["linux/x64"] });
    await standardReleases(product.slug);
    expect(
      await onlyUpdate(agent.token, product.slug, "1.0.0", { platform: "windows" }),
    ).toMatchObject({
      status: "not_entitled",
      reason: "platform_not_entitled",
    });
    // Another tenant's product that exists and has releases looks exactly like one that does not.
    const other = await makeProduct();
    await release(other.slug, "5.0.0");
    const foreign = await onlyUpdate(agent.token, other.slug, "1.0.0");
    const missing = await onlyUpdate(agent.token, `no-such-${hex()}`, "1.0.0");
    for (const item of [foreign, missing]) {
      expect(item).toMatchObject({
        status: "not_entitled",
        reason: "product_not_entitled",
        latest: null,
      });
      expect(item.release).toBeUndefined();
    }
  });

  it("answers up_to_date with latest null for an entitled platform that has no build", async () => {
    const { product, agent } = await makeWorld();
    await standardReleases(product.slug);
    expect(
      await onlyUpdate(agent.token, product.slug, "1.0.0", { platform: "darwin", arch: "arm64" }),
    ).toMatchObject({
      status: "up_to_date",
      latest: null,
    });
  });

  it("stops offering anything once the license has expired", async () => {
    const { product, agent } = await makeWorld({ expiresAt: new Date(Date.now() - DAY) });
    await standardReleases(product.slug);
    expect(await onlyUpdate(agent.token, product.slug, "1.0.0")).toMatchObject({
      status: "not_entitled",
      reason: "license_expired",
    });
  });

  it("in the maintenance window offers only releases published before the license expired", async () => {
    const expiredAt = new Date(Date.now() - 10 * DAY);
    const { product, agent } = await makeWorld({
      expiresAt: expiredAt,
      expiryBehavior: "MAINTENANCE",
    });
    await release(product.slug, "1.0.0", { publishedAt: new Date(expiredAt.getTime() - 30 * DAY) });
    await release(product.slug, "1.1.0", { publishedAt: new Date(expiredAt.getTime() - DAY) });
    await release(product.slug, "2.0.0");
    expect(await onlyUpdate(agent.token, product.slug, "1.0.0")).toMatchObject({
      status: "update_available",
      latest: "1.1.0",
      release: expect.objectContaining({ version: "1.1.0" }),
    });
    expect(await onlyUpdate(agent.token, product.slug, "1.1.0")).toMatchObject({
      status: "up_to_date",
      latest: "1.1.0",
    });
  });

  it("offers a stepping stone when the newest release requires a higher installed version", async () => {
    const { product, agent } = await makeWorld();
    await release(product.slug, "1.0.0");
    await release(product.slug, "1.5.0");
    await release(product.slug, "1.6.0", { minimumVersion: "1.2.0" });
    await release(product.slug, "2.0.0", { minimumVersion: "1.5.0" });
    expect(await onlyUpdate(agent.token, product.slug, "1.0.0")).toMatchObject({
      status: "update_available",
      latest: "2.0.0",
      release: expect.objectContaining({ version: "1.5.0", steppingStone: true }),
    });
    expect(await onlyUpdate(agent.token, product.slug, "1.5.0")).toMatchObject({
      latest: "2.0.0",
      release: expect.objectContaining({
        version: "2.0.0",
        steppingStone: false,
        minimumVersion: "1.5.0",
      }),
    });
  });

  it("answers no_upgrade_path when no newer release can be installed over the installed version", async () => {
    const { product, agent } = await makeWorld();
    await release(product.slug, "1.0.0");
    await release(product.slug, "3.0.0", { minimumVersion: "2.0.0" });
    const item = await onlyUpdate(agent.token, product.slug, "1.0.0");
    expect(item).toMatchObject({
      status: "up_to_date",
      reason: "no_upgrade_path",
      latest: "3.0.0",
    });
    expect(item.artifact).toBeUndefined();
  });

  it("marks an update critical when it or a release it skips over is critical", async () => {
    const { product, agent } = await makeWorld();
    await release(product.slug, "1.0.0");
    await release(product.slug, "1.1.0", { critical: true });
    await release(product.slug, "2.0.0");
    expect((await onlyUpdate(agent.token, product.slug, "1.0.0")).release).toMatchObject({
      version: "2.0.0",
      critical: true,
    });
    expect((await onlyUpdate(agent.token, product.slug, "1.1.0")).release).toMatchObject({
      version: "2.0.0",
      critical: false,
    });
  });

  it("never offers a yanked or draft release", async () => {
    const { product, agent } = await makeWorld();
    await release(product.slug, "1.0.0");
    await release(product.slug, "1.1.0");
    const bad = await release(product.slug, "2.0.0");
    await yankRelease({ actor: SYSTEM, input: { releaseId: bad.id, reason: "broken build" } });
    await release(product.slug, "2.1.0", { publish: false });
    expect(await onlyUpdate(agent.token, product.slug, "1.0.0")).toMatchObject({
      latest: "1.1.0",
      release: expect.objectContaining({ version: "1.1.0" }),
    });
    // An agent that had installed the yanked version is not "downgraded" either.
    expect(await onlyUpdate(agent.token, product.slug, "2.0.0")).toMatchObject({
      status: "up_to_date",
      latest: "1.1.0",
    });
  });

  it("answers several products in one check, each on its own", async () => {
    const { product, agent } = await makeWorld({ platforms: ["linux/x64"] });
    await standardReleases(product.slug);
    const body = {
      products: [
        {
          product: product.slug,
          version: "1.0.0",
          channel: "stable",
          platform: "linux",
          arch: "x64",
        },
        {
          product: product.slug,
          version: "1.0.0",
          channel: "stable",
          platform: "windows",
          arch: "x64",
        },
        {
          product: `other-${hex()}`,
          version: "1.0.0",
          channel: "stable",
          platform: "linux",
          arch: "x64",
        },
      ],
      machine: { id: `m-${hex()}` },
    };
    const { res, json } = await callUpdate(body, { token: agent.token });
    expect(res.status).toBe(200);
    expect(json.updates?.map((u) => [u.status, u.reason ?? null])).toEqual([
      ["update_available", null],
      ["not_entitled", "platform_not_entitled"],
      ["not_entitled", "product_not_entitled"],
    ]);
  });
});

describe("POST /api/update refusals", () => {
  it("refuses a suspended or revoked license at the very next request, with the same token, and audits it", async () => {
    const { product, agent, license } = await makeWorld();
    await release(product.slug, "1.0.0");
    const body = checkBody(product.slug, "1.0.0");
    expect((await callUpdate(body, { token: agent.token })).res.status).toBe(200);

    await db().license.update({
      where: { id: license.id },
      data: { status: "SUSPENDED", suspendedAt: new Date() },
    });
    const suspended = await callUpdate(body, { token: agent.token });
    expect(suspended.res.status).toBe(403);
    expect(suspended.res.headers.get("content-type")).toBe("application/problem+json");
    expect(suspended.json).toMatchObject({ code: "forbidden", reason: "license_suspended" });

    await db().license.update({
      where: { id: license.id },
      data: { status: "REVOKED", revokedAt: new Date() },
    });
    const revoked = await callUpdate(body, { token: agent.token });
    expect(revoked.res.status).toBe(403);
    expect(revoked.json).toMatchObject({ reason: "license_revoked" });

    const events = await db().auditEvent.findMany({
      where: { requestId: { in: [suspended.requestId, revoked.requestId] } },
      orderBy: { seq: "asc" },
    });
    // One event per refusal, with the reason, the client and the license.
    expect(events.map((e) => [e.action, e.result, e.reason, e.actorId, e.targetId])).toEqual([
      ["updates.check_refused", "DENIED", "license_suspended", agent.client.id, license.id],
      ["updates.check_refused", "DENIED", "license_revoked", agent.client.id, license.id],
    ]);
  });

  it("enforces the machine limit: known machines keep working, a new one over the limit is refused and not recorded", async () => {
    const { product, agent, license } = await makeWorld({ maxMachines: 1 });
    await release(product.slug, "1.0.0");
    const first = checkBody(product.slug, "1.0.0");
    const second = checkBody(product.slug, "1.0.0");
    expect((await callUpdate(first, { token: agent.token })).res.status).toBe(200);
    const refused = await callUpdate(second, { token: agent.token });
    expect(refused.res.status).toBe(403);
    expect(refused.json).toMatchObject({ reason: "machine_limit_reached" });
    expect((await callUpdate(first, { token: agent.token })).res.status).toBe(200);
    expect(
      await db().machine.findMany({
        where: { licenseId: license.id },
        select: { machineId: true },
      }),
    ).toEqual([{ machineId: first.machine.id }]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { requestId: refused.requestId },
    });
    expect(event).toMatchObject({
      action: "updates.check_refused",
      reason: "machine_limit_reached",
      result: "DENIED",
    });
  });

  it("refuses a token without the update:check scope", async () => {
    const product = await makeProduct();
    const { license } = await makeLicense({ productId: product.id });
    const downloadOnly = await makeAgent(license.id, ["update:download"]);
    const { res, json } = await callUpdate(checkBody(product.slug, "1.0.0"), {
      token: downloadOnly.token,
    });
    expect(res.status).toBe(403);
    expect(json).toMatchObject({ code: "forbidden" });
    expect(await db().machine.count({ where: { licenseId: license.id } })).toBe(0);
  });

  it("refuses requests without a valid bearer token", async () => {
    const { product } = await makeWorld();
    const none = await callUpdate(checkBody(product.slug, "1.0.0"), { token: null });
    expect(none.res.status).toBe(401);
    expect(none.res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const forged = await callUpdate(checkBody(product.slug, "1.0.0"), {
      token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
    });
    expect(forged.res.status).toBe(401);
  });
});
