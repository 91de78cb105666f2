// The browser download flow: a portal link is authorized and signed when clicked, and every
// refusal a browser meets (at the click or on the signed URL) is the readable portal page, while
// API clients keep problem+json. Tenancy: another customer's artifact, a guessed id and a draft
// are the same 404; tampered URLs and another customer's URL are refused.
import { describe, expect, it } from "vitest";
import { GET as startDownload } from "@/app/portal/(signed-in)/downloads/[artifactId]/route";
import { db } from "@/lib/db/client";
import { signDownloadUrl } from "@/lib/downloads/download-url";
import { download, hex, makeLicense, release, uniqueIp } from "../updates/factories";
import { artifactOf, portalUser, portalWorld } from "./factories";

const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async function click(artifactId: string, cookie: string | null, accept = HTML) {
  const headers: Record<string, string> = { "x-tollgate-peer": uniqueIp(), accept };
  if (cookie) headers.cookie = cookie;
  return startDownload(
    new Request(`http://localhost/portal/downloads/${artifactId}`, { headers }),
    { params: Promise.resolve({ artifactId }) },
  );
}

function refusalOf(res: Response): { reason: string | null; artifact: string | null } {
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get("location") ?? "");
  expect(location.pathname).toBe("/portal/downloads/refused");
  return {
    reason: location.searchParams.get("reason"),
    artifact: location.searchParams.get("artifact"),
  };
}

describe("portal downloads, signed on click", () => {
  it("signs a fresh URL for the customer and the download it leads to serves the file", async () => {
    const world = await portalWorld();
    const artifact = await artifactOf(world.releases.v200.id);
    const res = await click(artifact.id, world.mine.admin.cookie);
    expect(res.status).toBe(303);
    const signed = new URL(res.headers.get("location") ?? "");
    expect(signed.pathname).toBe(`/api/downloads/${artifact.id}`);
    expect(signed.searchParams.get("cust")).toBe(world.mine.customer.id);
    const got = await download(signed.toString(), { cookie: world.mine.admin.cookie });
    expect(got.res.status).toBe(200);
    expect(got.bytes.equals(world.releases.v200.contents.get("linux/x64") ?? Buffer.alloc(0))).toBe(
      true,
    );
  });

  it("older entitled versions download too", async () => {
    const world = await portalWorld();
    const res = await click((await artifactOf(world.releases.v110.id)).id, world.mine.admin.cookie);
    expect(new URL(res.headers.get("location") ?? "").pathname).toMatch(/^\/api\/downloads\/art_/);
  });

  it("answers another customer's artifact, a guessed id, a beta and a draft with the same 404", async () => {
    const world = await portalWorld();
    const draft = await release(world.product.slug, "3.0.0", { publish: false });
    const ids = [
      (await artifactOf(world.other.release.id)).id,
      `art_${hex(16)}`,
      "art_not-even-an-id",
      (await artifactOf(world.releases.beta.id)).id,
      (await artifactOf(draft.id)).id,
    ];
    const bodies = new Set<string>();
    for (const id of ids) {
      const res = await click(id, world.mine.admin.cookie, "application/json");
      expect(res.status, id).toBe(404);
      const body = (await res.json()) as { detail: string; reason: string };
      bodies.add(`${body.detail}|${body.reason}`);
      expect(refusalOf(await click(id, world.mine.admin.cookie)).reason).toBe("artifact_not_found");
    }
    expect(bodies.size).toBe(1);
  });

  it("tells an expired or suspended customer why, on a page", async () => {
    const world = await portalWorld();
    const expired = await makeLicense({
      productId: world.product.id,
      expiresAt: new Date(Date.now() - 86_400_000),
    });
    const suspended = await makeLicense({ productId: world.product.id, status: "SUSPENDED" });
    const artifact = await artifactOf(world.releases.v200.id);
    const e = await portalUser(expired.customer.id);
    expect(refusalOf(await click(artifact.id, e.cookie)).reason).toBe("license_expired");
    const api = await click(artifact.id, e.cookie, "application/json");
    expect(api.status).toBe(403);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
    const s = await portalUser(suspended.customer.id);
    expect(refusalOf(await click(artifact.id, s.cookie)).reason).toBe("license_suspended");
  });

  it("sends a browser without a session to the customer sign-in", async () => {
    const world = await portalWorld();
    const res = await click((await artifactOf(world.releases.v200.id)).id, null);
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location") ?? "").pathname).toBe("/portal/signin");
  });
});

describe("signed download URLs opened in a browser", () => {
  async function signedFor(customerId: string, artifactId: string, now?: Date) {
    return signDownloadUrl({ artifactId, principal: { kind: "customer", id: customerId }, now })
      .url;
  }

  it("shows a page, not JSON, for an expired link and offers to start it again", async () => {
    const world = await portalWorld();
    const artifact = await artifactOf(world.releases.v200.id);
    const old = await signedFor(
      world.mine.customer.id,
      artifact.id,
      new Date(Date.now() - 3_600_000),
    );
    const res = await download(old, { cookie: world.mine.admin.cookie, headers: { accept: HTML } });
    expect(refusalOf(res.res)).toEqual({ reason: "url_expired", artifact: artifact.id });
    // An API client still gets problem+json.
    const api = await download(old, { cookie: world.mine.admin.cookie });
    expect(api.res.status).toBe(403);
    expect(api.res.headers.get("content-type")).toContain("application/problem+json");
    // Starting again from the page signs a fresh URL that works.
    const again = await click(artifact.id, world.mine.admin.cookie);
    const fresh = await download(again.headers.get("location") ?? "", {
      cookie: world.mine.admin.cookie,
      headers: { accept: HTML },
    });
    expect(fresh.res.status).toBe(200);
  });

  it("refuses another customer's URL and tampered URLs with readable pages", async () => {
    const world = await portalWorld();
    const artifact = await artifactOf(world.releases.v200.id);
    const url = await signedFor(world.mine.customer.id, artifact.id);
    const pasted = await download(url, {
      cookie: world.theirs.admin.cookie,
      headers: { accept: HTML },
    });
    expect(refusalOf(pasted.res).reason).toBe("wrong_customer");

    const tampered = new URL(url);
    tampered.searchParams.set("cust", world.theirs.customer.id);
    const forged = await download(tampered.toString(), {
      cookie: world.theirs.admin.cookie,
      headers: { accept: HTML },
    });
    expect(refusalOf(forged.res).reason).toBe("bad_signature");

    const otherArtifact = new URL(url);
    otherArtifact.pathname = `/api/downloads/${(await artifactOf(world.releases.v100.id)).id}`;
    const swapped = await download(otherArtifact.toString(), {
      cookie: world.mine.admin.cookie,
      headers: { accept: HTML },
    });
    expect(refusalOf(swapped.res).reason).toBe("bad_signature");
    const cut = new URL(url);
    cut.searchParams.delete("sig");
    const malformed = await download(cut.toString(), {
      cookie: world.mine.admin.cookie,
      headers: { accept: HTML },
    });
    expect(refusalOf(malformed.res).reason).toBe("malformed_url");
    // Every refusal is still audited by the download path.
    const refused = await db().auditEvent.count({
      where: { action: "downloads.refused", targetId: artifact.id, reason: "wrong_customer" },
    });
    expect(refused).toBeGreaterThan(0);
  });
});
