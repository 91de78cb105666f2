// GET on signed download URLs through the real route handler: full and resumed downloads,
// range errors, URLs that expired, were tampered with or are used by someone else, yanked
// releases, licenses that changed after the URL was issued, customer-portal and staff downloads.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signDownloadUrl } from "@/lib/downloads/download-url";
import { yankRelease } from "@/lib/releases/yank-release";
import {
  customerSessionCookie,
  download,
  eventually,
  hex,
  makeAgent,
  makeLicense,
  makeProduct,
  makeWorld,
  onlyUpdate,
  release,
  sha256,
  SYSTEM,
  uniqueIp,
} from "./factories";
import { GET as downloadRoute } from "@/app/api/downloads/[id]/route";
import { GET as staffDownloadRoute } from "@/app/admin/artifacts/[id]/download/route";
import { createSession, createStaffUser } from "../identity/factories";

// Large enough to span many stream chunks, so an abandoned download is really partial.
const BIG = Buffer.alloc(1024 * 1024 + 17, 0);
for (let i = 0; i < BIG.length; i++) BIG[i] = (i * 31 + (i >> 8)) & 0xff;

async function offered(content?: Buffer) {
  const world = await makeWorld();
  await release(world.product.slug, "1.0.0");
  const v2 = await release(world.product.slug, "2.0.0", content ? { content } : {});
  const item = await onlyUpdate(world.agent.token, world.product.slug, "1.0.0");
  const artifact = item.artifact;
  if (!artifact) throw new Error("no artifact offered");
  const data = v2.contents.get("linux/x64") ?? Buffer.alloc(0);
  return { ...world, v2, artifact, data };
}

const refusalOf = (requestId: string) =>
  eventually(() =>
    db().auditEvent.findFirst({ where: { requestId, action: "downloads.refused" } }),
  );

describe("GET /api/downloads/{id}", () => {
  it("streams the whole file with length, ETag, ranges advertised and a file name, and audits the bytes sent", async () => {
    const { agent, artifact, data } = await offered();
    const { res, bytes, requestId } = await download(artifact.url, { token: agent.token });
    expect(res.status).toBe(200);
    expect(bytes.equals(data)).toBe(true);
    expect(res.headers.get("content-length")).toBe(String(data.length));
    expect(res.headers.get("etag")).toBe(`"${sha256(data)}"`);
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="upd-[0-9a-f]+-2\.0\.0-linux-x64\.tar\.gz"$/,
    );
    const served = await eventually(() =>
      db().auditEvent.findFirst({ where: { requestId, action: "downloads.served" } }),
    );
    expect(served).toMatchObject({
      result: "SUCCESS",
      actorId: agent.client.id,
      targetId: artifact.id,
    });
    expect(served.metadata).toMatchObject({
      status: 200,
      bytesSent: data.length,
      complete: true,
      version: "2.0.0",
    });
    expect(await db().auditEvent.count({ where: { requestId, action: "storage.accessed" } })).toBe(
      1,
    );
    expect(
      (await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } })).downloadCount,
    ).toBe(1);
  });

  it("resumes with Range and If-Range, and counts the download once when the last byte is delivered", async () => {
    const { agent, artifact, data } = await offered();
    const etag = `"${sha256(data)}"`;
    const first = await download(artifact.url, {
      token: agent.token,
      headers: { range: "bytes=0-99" },
    });
    expect(first.res.status).toBe(206);
    expect(first.res.headers.get("content-range")).toBe(`bytes 0-99/${data.length}`);
    expect(first.res.headers.get("content-length")).toBe("100");
    const rest = await download(artifact.url, {
      token: agent.token,
      headers: { range: "bytes=100-", "if-range": etag },
    });
    expect(rest.res.status).toBe(206);
    expect(rest.res.headers.get("content-range")).toBe(
      `bytes 100-${data.length - 1}/${data.length}`,
    );
    expect(Buffer.concat([first.bytes, rest.bytes]).equals(data)).toBe(true);

    const partial = await eventually(() =>
      db().auditEvent.findFirst({
        where: { requestId: first.requestId, action: "downloads.served" },
      }),
    );
    expect(partial.metadata).toMatchObject({
      status: 206,
      bytesSent: 100,
      range: { start: 0, end: 99 },
    });
    await eventually(() =>
      db().auditEvent.findFirst({
        where: { requestId: rest.requestId, action: "downloads.served" },
      }),
    );
    expect(
      (await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } })).downloadCount,
    ).toBe(1);
  });

  it("sends the whole file when If-Range no longer matches (the file changed since the first part)", async () => {
    const { agent, artifact, data } = await offered();
    const { res, bytes } = await download(artifact.url, {
      token: agent.token,
      headers: { range: "bytes=100-", "if-range": `"${"0".repeat(64)}"` },
    });
    expect(res.status).toBe(200);
    expect(bytes.equals(data)).toBe(true);
  });

  it("answers 416 with Content-Range for a range past the end", async () => {
    const { agent, artifact, data } = await offered();
    const { res, bytes, requestId } = await download(artifact.url, {
      token: agent.token,
      headers: { range: `bytes=${data.length}-` },
    });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${data.length}`);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(bytes.toString())).toMatchObject({ code: "range_not_satisfiable" });
    expect(await refusalOf(requestId)).toMatchObject({
      reason: "range_not_satisfiable",
      result: "FAILURE",
    });
  });

  it("records an abandoned download with the bytes actually sent, and does not count it", async () => {
    const { agent, artifact } = await offered(BIG);
    const target = new URL(artifact.url);
    const requestId = `req-${hex(8)}`;
    const res = await downloadRoute(
      new Request(`http://localhost${target.pathname}${target.search}`, {
        headers: {
          authorization: `Bearer ${agent.token}`,
          "x-tollgate-peer": uniqueIp(),
          "x-request-id": requestId,
        },
      }),
      { params: Promise.resolve({ id: artifact.id }) },
    );
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    const served = await eventually(() =>
      db().auditEvent.findFirst({ where: { requestId, action: "downloads.served" } }),
    );
    expect(served.result).toBe("FAILURE");
    const metadata = served.metadata as { bytesSent: number; complete: boolean };
    expect(metadata.complete).toBe(false);
    expect(metadata.bytesSent).toBeLessThan(BIG.length);
    expect(
      (await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } })).downloadCount,
    ).toBe(0);
  });

  it("refuses an expired URL", async () => {
    const { agent, artifact } = await offered();
    const stale = signDownloadUrl({
      artifactId: artifact.id,
      principal: { kind: "client", id: agent.client.id },
      now: new Date(Date.now() - 3600_000),
      ttlSeconds: 600,
    });
    const { res, bytes, requestId } = await download(stale.url, { token: agent.token });
    expect(res.status).toBe(403);
    expect(JSON.parse(bytes.toString())).toMatchObject({ reason: "url_expired" });
    expect(await refusalOf(requestId)).toMatchObject({ reason: "url_expired", result: "DENIED" });
  });

  it("refuses a URL used by another client, even one with a valid token of its own", async () => {
    const { agent, artifact, license } = await offered();
    const other = await makeAgent(license.id);
    const { res, bytes, requestId } = await download(artifact.url, { token: other.token });
    expect(res.status).toBe(403);
    expect(JSON.parse(bytes.toString())).toMatchObject({ reason: "wrong_client" });
    expect(await refusalOf(requestId)).toMatchObject({
      reason: "wrong_client",
      actorId: other.client.id,
    });
    // And the URL alone, without the owner's token, is nothing.
    const anonymous = await download(artifact.url, { token: null });
    expect(anonymous.res.status).toBe(401);
    expect((await download(artifact.url, { token: agent.token })).res.status).toBe(200);
  });

  it("refuses tampered URLs", async () => {
    const { agent, artifact } = await offered();
    const url = new URL(artifact.url);
    const tampered = [
      (u: URL) => u.searchParams.set("exp", String(Number(u.searchParams.get("exp")) + 86_400)),
      (u: URL) => u.searchParams.set("sig", `${(u.searchParams.get("sig") ?? "").slice(0, -2)}AA`),
      (u: URL) => u.searchParams.set("client", "cli_ffffffffffffffffffffffffffffffff"),
    ];
    for (const change of tampered) {
      const copy = new URL(url);
      change(copy);
      const { res, bytes } = await download(copy.toString(), { token: agent.token });
      expect(res.status).toBe(403);
      expect(JSON.parse(bytes.toString())).toMatchObject({ reason: "bad_signature" });
    }
    const stripped = new URL(url);
    stripped.searchParams.delete("sig");
    expect((await download(stripped.toString(), { token: agent.token })).res.status).toBe(400);
  });

  it("answers 410 Gone once the release is yanked", async () => {
    const { agent, artifact, v2 } = await offered();
    await yankRelease({ actor: SYSTEM, input: { releaseId: v2.id, reason: "bad build" } });
    const { res, bytes, requestId } = await download(artifact.url, { token: agent.token });
    expect(res.status).toBe(410);
    expect(JSON.parse(bytes.toString())).toMatchObject({ code: "gone", reason: "release_yanked" });
    expect(await refusalOf(requestId)).toMatchObject({ reason: "release_yanked" });
  });

  it("checks the license again at download time", async () => {
    const { agent, artifact, license } = await offered();
    await db().license.update({ where: { id: license.id }, data: { status: "SUSPENDED" } });
    const { res, bytes } = await download(artifact.url, { token: agent.token });
    expect(res.status).toBe(403);
    expect(JSON.parse(bytes.toString())).toMatchObject({ reason: "license_suspended" });
  });

  it("requires the update:download scope", async () => {
    const { artifact, license } = await offered();
    const checkOnly = await makeAgent(license.id, ["update:check"]);
    const url = signDownloadUrl({
      artifactId: artifact.id,
      principal: { kind: "client", id: checkOnly.client.id },
    }).url;
    const { res } = await download(url, { token: checkOnly.token });
    expect(res.status).toBe(403);
  });

  it("serves customer-portal URLs to that customer's signed-in staff only, under an entitling license", async () => {
    const { artifact, customer, data } = await offered();
    const url = signDownloadUrl({
      artifactId: artifact.id,
      principal: { kind: "customer", id: customer.id },
    }).url;
    const own = await download(url, { cookie: await customerSessionCookie(customer.id) });
    expect(own.res.status).toBe(200);
    expect(own.bytes.equals(data)).toBe(true);

    const stranger = await db().customer.create({
      data: { slug: `other-${hex()}`, name: "Other" },
    });
    const foreign = await download(url, { cookie: await customerSessionCookie(stranger.id) });
    expect(foreign.res.status).toBe(403);
    expect(JSON.parse(foreign.bytes.toString())).toMatchObject({ reason: "wrong_customer" });

    // A customer with a URL of its own but no license for the product.
    const unlicensed = signDownloadUrl({
      artifactId: artifact.id,
      principal: { kind: "customer", id: stranger.id },
    }).url;
    const refused = await download(unlicensed, {
      cookie: await customerSessionCookie(stranger.id),
    });
    expect(refused.res.status).toBe(403);
    expect(JSON.parse(refused.bytes.toString())).toMatchObject({ reason: "product_not_entitled" });

    // An agent token cannot use a customer URL.
    const otherProduct = await makeProduct();
    const { license } = await makeLicense({ productId: otherProduct.id });
    const agent = await makeAgent(license.id);
    expect((await download(url, { token: agent.token })).res.status).toBe(401);
  });

  it("serves staff URLs to that staff user, with artifacts:read, from the staff network, a draft's too, uncounted", async () => {
    const world = await makeWorld();
    const draft = await release(world.product.slug, "9.0.0", { publish: false });
    const { id: artifactId } = await db().artifact.findFirstOrThrow({
      where: { releaseId: draft.id, platform: "linux", arch: "x64" },
    });
    const data = draft.contents.get("linux/x64") ?? Buffer.alloc(0);
    const staff = await createStaffUser({ permissions: ["releases:read", "artifacts:read"] });
    const { token } = await createSession(staff.id);
    const cookie = `tollgate.session=${token}`;

    // The release page's button: the staff guard, then a URL signed for this user.
    const start = await staffDownloadRoute(
      new Request(`http://localhost/admin/artifacts/${artifactId}/download`, {
        headers: { cookie, "x-tollgate-peer": "127.0.0.1" },
      }),
      { params: Promise.resolve({ id: artifactId }) },
    );
    expect(start.status).toBe(303);
    const url = start.headers.get("location") ?? "";
    expect(new URL(url).searchParams.get("staff")).toBe(staff.id);

    const own = await download(url, { cookie, ip: "127.0.0.1" });
    expect(own.res.status).toBe(200);
    expect(own.bytes.equals(data)).toBe(true);
    const served = await eventually(() =>
      db().auditEvent.findFirst({
        where: { requestId: own.requestId, action: "downloads.served" },
      }),
    );
    expect(served).toMatchObject({ actorId: staff.id, targetId: artifactId });
    expect(served.metadata).toMatchObject({ holder: "staff", complete: true });
    expect(
      (await db().artifact.findUniqueOrThrow({ where: { id: artifactId } })).downloadCount,
    ).toBe(0);

    // From outside the staff network: refused and audited as a blocked address.
    const outside = await download(url, { cookie, ip: "203.0.113.9" });
    expect(outside.res.status).toBe(403);
    expect(
      await db().auditEvent.count({
        where: { requestId: outside.requestId, action: "auth.ip_blocked" },
      }),
    ).toBe(1);

    // Another staff user's session, even one holding artifacts:read, cannot use it.
    const colleague = await createStaffUser({ permissions: ["artifacts:read"] });
    const theirs = await download(url, {
      cookie: `tollgate.session=${(await createSession(colleague.id)).token}`,
      ip: "127.0.0.1",
    });
    expect(theirs.res.status).toBe(403);
    expect(JSON.parse(theirs.bytes.toString())).toMatchObject({ reason: "wrong_user" });

    // A URL signed for someone who has lost artifacts:read since.
    const reader = await createStaffUser({ permissions: ["releases:read"] });
    const signed = signDownloadUrl({ artifactId, principal: { kind: "staff", id: reader.id } });
    const lost = await download(signed.url, {
      cookie: `tollgate.session=${(await createSession(reader.id)).token}`,
      ip: "127.0.0.1",
    });
    expect(lost.res.status).toBe(403);
    expect((await refusalOf(lost.requestId)).reason).toBe("forbidden");

    // No second factor yet: not a staff session that may download.
    const pending = await createSession(staff.id, { mfaVerifiedAt: null });
    const early = await download(url, {
      cookie: `tollgate.session=${pending.token}`,
      ip: "127.0.0.1",
    });
    expect(early.res.status).toBe(401);
  });
});
