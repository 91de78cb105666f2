// The edge's address lists (deploy/nginx/access): the deny list refuses an address on every
// path; the staff allowlist keeps the staff surface to the staff networks while customers and
// agents reach their routes from anywhere. The edge stage renders the lists with 127.0.0.66
// denied and only 127.0.0.1 and ::1 as staff networks; the tests pick their source address on
// the loopback to stand in for other networks.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { request } from "./edge-client";

const outsider = "127.0.0.7";

describe("edge address lists", () => {
  it("a denied address is refused everywhere", async () => {
    for (const path of ["/portal/signin", "/api/health", "/admin"]) {
      expect((await request("GET", path, { localAddress: "127.0.0.66" })).status).toBe(403);
    }
  });

  it("the staff surface is refused outside the staff networks", async () => {
    for (const path of [
      "/admin",
      "/admin/licenses",
      "/signin",
      "/mfa/verify",
      "/api/admin/releases/x/artifacts/linux/x64",
      "/api/auth/callback/staff-oidc",
    ]) {
      const response = await request("GET", path, { localAddress: outsider });
      expect(response.status, path).toBe(403);
      expect(response.headers["x-request-id"], `${path} must not reach the app`).toBeUndefined();
    }
  });

  it("customers and agents reach their routes from outside", async () => {
    expect((await request("GET", "/portal/signin", { localAddress: outsider })).status).toBe(200);
    expect((await request("GET", "/api/health", { localAddress: outsider })).status).toBe(200);
  });

  it("staff networks reach the staff sign-in page", async () => {
    expect((await request("GET", "/signin", { localAddress: "127.0.0.1" })).status).toBe(200);
  });

  it("keeps the X-Accel-Redirect storage location internal: a client cannot ask for it", async () => {
    // A world-readable file in the storage directory: nginx would serve it if the location
    // were not internal.
    const dir = process.env.STORAGE_DIR ?? "";
    expect(dir).not.toBe("");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "edge-probe.txt"), "not for clients\n", { mode: 0o644 });
    const response = await request("GET", "/_tollgate_storage/edge-probe.txt");
    expect(response.status).toBe(404);
    expect(response.body).not.toContain("not for clients");
  });
});
