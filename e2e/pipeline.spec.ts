import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { query } from "./fixtures/db";

// The build pipeline's contract, through the real server: token, draft, streamed upload of an
// artifact larger than any proxy buffer, publish; the same contract the README documents.
// A product of its own, so the seeded acme-server catalogue that other specs read stays as seeded
// (the pipeline identity may publish releases but not create products).
async function pipelineProduct(): Promise<string> {
  const slug = `pipeline-${Date.now()}`;
  const [product] = await query<{ id: string }>(
    `INSERT INTO "Product" (slug, name, "updatedAt") VALUES ($1, 'Pipeline test product', now()) RETURNING id`,
    [slug],
  );
  await query(`INSERT INTO "Channel" ("productId", name) VALUES ($1, 'beta')`, [product?.id]);
  return slug;
}

test("the build pipeline publishes a release with a large artifact", async ({ request }) => {
  const product = await pipelineProduct();
  const token = await request.post("/api/oauth/token", {
    form: {
      grant_type: "client_credentials",
      client_id: "demo-pipeline",
      client_secret: "demo-pipeline-secret",
    },
  });
  expect(token.status()).toBe(200);
  const { access_token: accessToken, scope } = (await token.json()) as {
    access_token: string;
    scope: string;
  };
  expect(scope.split(" ")).toContain("releases:publish");
  const auth = { authorization: `Bearer ${accessToken}` };

  const version = `9.${Date.now() % 100000}.0`;
  const created = await request.post("/api/releases", {
    headers: auth,
    data: { product, version, channel: "beta", notes: "From the pipeline" },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const body = randomBytes(24 * 1024 * 1024 + 123);
  const sha256 = createHash("sha256").update(body).digest("hex");
  const bad = await request.put(`/api/releases/${id}/artifacts/linux/x64`, {
    headers: {
      ...auth,
      "content-type": "application/octet-stream",
      "x-checksum-sha256": "0".repeat(64),
    },
    data: body.subarray(0, 1024),
  });
  expect(bad.status()).toBe(422);

  const uploaded = await request.put(`/api/releases/${id}/artifacts/linux/x64`, {
    headers: {
      ...auth,
      "content-type": "application/octet-stream",
      "x-checksum-sha256": sha256,
      "x-file-name": "big.bin",
    },
    data: body,
    timeout: 120_000,
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  expect(await uploaded.json()).toMatchObject({ size: body.length, sha256 });

  const published = await request.post(`/api/releases/${id}/publish`, { headers: auth });
  expect(published.status()).toBe(200);
  const yanked = await request.post(`/api/releases/${id}/yank`, {
    headers: auth,
    data: { reason: "test cleanup" },
  });
  expect(yanked.status()).toBe(200);

  const noToken = await request.post("/api/releases", {
    data: { product: "acme-server", version: "9.9.9", channel: "beta" },
  });
  expect(noToken.status()).toBe(401);
  expect(noToken.headers()["content-type"]).toBe("application/problem+json");
});
