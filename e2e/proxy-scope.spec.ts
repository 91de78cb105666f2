// Which requests the proxy (proxy.ts) sees: everything but static assets and the artifact upload
// paths, whose bodies the proxy would buffer. The proxy is what sets the API's CSP, so its header
// shows whether a route went through it.
import { expect, test } from "@playwright/test";

test("release routes other than uploads go through the proxy; uploads bypass it", async ({
  request,
}) => {
  const create = await request.post("/api/releases", {
    headers: { authorization: "Bearer not.a.token", "content-type": "application/json" },
    data: "{}",
  });
  expect(create.status()).toBe(401);
  expect(create.headers()["content-security-policy"]).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );

  const publish = await request.post("/api/releases/rel_00000000000000000000000000000000/publish", {
    headers: { authorization: "Bearer not.a.token" },
  });
  expect(publish.status()).toBe(401);
  expect(publish.headers()["content-security-policy"]).toContain("default-src 'none'");

  const upload = await request.put(
    "/api/releases/rel_00000000000000000000000000000000/artifacts/linux/x64",
    { headers: { authorization: "Bearer not.a.token" }, data: "x" },
  );
  expect(upload.status()).toBe(401);
  expect(upload.headers()["content-security-policy"]).toBeUndefined();
});
