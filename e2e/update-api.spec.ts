// The update API over HTTP against the production build and the seeded demo data: a token for
// demo-agent, a signed update answer, a download with Range resume and its errors, hostile
// inputs, and the published API reference.
import { createHash, createPublicKey, randomBytes, verify } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectAuditEvent } from "./fixtures/db";

const basic = `Basic ${Buffer.from("demo-agent:demo-agent-secret").toString("base64")}`;

async function token(request: APIRequestContext): Promise<string> {
  const res = await request.post("/api/oauth/token", {
    headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
    data: "grant_type=client_credentials&scope=update%3Acheck%20update%3Adownload",
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const body = (version: string, extra: Record<string, unknown> = {}) => ({
  products: [
    { product: "acme-server", version, channel: "stable", platform: "linux", arch: "x64" },
  ],
  machine: { id: "e2e-update-api", hostname: "e2e-host" },
  ...extra,
});

interface Answer {
  nonce: string;
  keyId: string;
  updates: Array<{
    status: string;
    latest: string;
    release: { version: string; critical: boolean };
    artifact: { url: string; size: number; sha256: string };
  }>;
}

test.describe("update API", () => {
  test("answers a check with a signed offer and serves the download with ranges", async ({
    request,
  }) => {
    const bearer = `Bearer ${await token(request)}`;
    const nonce = randomBytes(18).toString("base64url");
    const res = await request.post("/api/update", {
      headers: { authorization: bearer },
      data: body("1.0.0", { nonce }),
    });
    expect(res.status()).toBe(200);
    const raw = await res.body();
    const signature = /^keyId=([^,]+), sig=(.+)$/.exec(res.headers()["x-tollgate-signature"] ?? "");
    const publicKey = createPublicKey(process.env.RELEASE_SIGNING_KEY ?? "");
    expect(verify(null, raw, publicKey, Buffer.from(signature?.[2] ?? "", "base64"))).toBe(true);
    const answer = JSON.parse(raw.toString()) as Answer;
    expect(answer.nonce).toBe(nonce);
    expect(answer.keyId).toBe(signature?.[1]);
    const [offer] = answer.updates;
    expect(offer).toMatchObject({
      status: "update_available",
      latest: "2.0.0",
      release: { version: "2.0.0", critical: true },
    });

    const url = new URL(offer?.artifact.url ?? "");
    const path = `${url.pathname}${url.search}`;
    const full = await request.get(path, { headers: { authorization: bearer } });
    expect(full.status()).toBe(200);
    const bytes = await full.body();
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(offer?.artifact.sha256);
    expect(full.headers()["etag"]).toBe(`"${offer?.artifact.sha256}"`);
    expect(full.headers()["accept-ranges"]).toBe("bytes");

    const part = await request.get(path, {
      headers: {
        authorization: bearer,
        range: "bytes=5-",
        "if-range": `"${offer?.artifact.sha256}"`,
      },
    });
    expect(part.status()).toBe(206);
    expect(part.headers()["content-range"]).toBe(`bytes 5-${bytes.length - 1}/${bytes.length}`);
    expect((await part.body()).equals(bytes.subarray(5))).toBe(true);

    const beyond = await request.get(path, {
      headers: { authorization: bearer, range: `bytes=${bytes.length}-` },
    });
    expect(beyond.status()).toBe(416);
    expect(beyond.headers()["content-range"]).toBe(`bytes */${bytes.length}`);

    const anonymous = await request.get(path);
    expect(anonymous.status()).toBe(401);
    await expectAuditEvent({
      action: "downloads.refused",
      since: new Date(Date.now() - 60_000),
      targetId: url.pathname.split("/").pop(),
    });
  });

  test("refuses hostile input with problem documents naming the field", async ({ request }) => {
    const bearer = `Bearer ${await token(request)}`;
    const tampered = await request.post("/api/update", {
      headers: { authorization: bearer },
      data: body("1.0.0;DROP TABLE x"),
    });
    expect(tampered.status()).toBe(400);
    expect(tampered.headers()["content-type"]).toBe("application/problem+json");
    expect(await tampered.json()).toMatchObject({ errors: [{ path: "products.0.version" }] });

    const unknown = await request.post("/api/update", {
      headers: { authorization: bearer },
      data: body("1.0.0", { admin: true }),
    });
    expect(unknown.status()).toBe(400);

    const wrongType = await request.post("/api/update", {
      headers: { authorization: bearer, "content-type": "text/plain" },
      data: JSON.stringify(body("1.0.0")),
    });
    expect(wrongType.status()).toBe(415);

    const huge = await request.post("/api/update", {
      headers: { authorization: bearer },
      data: body("1.0.0", { nonce: "n".repeat(40_000) }),
    });
    expect(huge.status()).toBe(413);
  });

  test("publishes the OpenAPI document and a readable reference", async ({ request, page }) => {
    const doc = await request.get("/api/openapi.json");
    expect(doc.status()).toBe(200);
    const json = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(json.openapi).toBe("3.1.0");
    expect(Object.keys(json.paths)).toEqual(
      expect.arrayContaining(["/api/update", "/api/oauth/token", "/api/downloads/{id}"]),
    );

    const redirect = await request.get("/api/docs", { maxRedirects: 0 });
    expect(redirect.status()).toBe(308);
    expect(redirect.headers()["location"]).toBe("/docs/api");

    await page.goto("/api/docs");
    await expect(page).toHaveURL(/\/docs\/api$/);
    await expect(page.getByRole("heading", { name: "Tollgate API reference" })).toBeVisible();
    const update = page.locator("article#checkForUpdates");
    await expect(update).toContainText("/api/update");
    await expect(update).toContainText("OAuth2 bearer token, scope update:check");
  });
});
