// Sanity checks on what agents send: hostile and malformed bodies are refused with
// problem+json naming the field, audited, and never reach the database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { callUpdate, checkBody, hex, makeWorld, release } from "./factories";

async function world() {
  const w = await makeWorld();
  await release(w.product.slug, "1.0.0");
  return w;
}

describe("POST /api/update input checks", () => {
  it("refuses a tampered version string, naming the field, and audits the rejection", async () => {
    const { product, agent, license } = await world();
    const { res, json, requestId } = await callUpdate(
      checkBody(product.slug, '1.0.0;DROP TABLE "License"'),
      { token: agent.token },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(json.errors).toEqual([expect.objectContaining({ path: "products.0.version" })]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId } });
    expect(event).toMatchObject({
      action: "request.rejected",
      result: "FAILURE",
      actorId: agent.client.id,
      targetId: "updates.check",
    });
    expect(event.metadata).toMatchObject({ status: 400, errors: [{ path: "products.0.version" }] });
    expect(await db().machine.count({ where: { licenseId: license.id } })).toBe(0);
  });

  it.each([
    ["v1.0.0", "products.0.version"],
    ["1.0", "products.0.version"],
    ["1.0.0+build.5", "products.0.version"],
    [" 1.0.0", "products.0.version"],
    [`1.0.0-${"a".repeat(70)}`, "products.0.version"],
    ["01.0.0", "products.0.version"],
  ])("refuses the version %j", async (version, path) => {
    const { product, agent } = await world();
    const { res, json } = await callUpdate(checkBody(product.slug, version), {
      token: agent.token,
    });
    expect(res.status).toBe(400);
    const paths = (json.errors as { path: string }[]).map((e) => e.path);
    expect(new Set(paths)).toEqual(new Set([path]));
  });

  it.each([
    [{ product: "../etc/passwd" }, "products.0.product"],
    [{ product: "Acme" }, "products.0.product"],
    [{ channel: "stable; rm -rf" }, "products.0.channel"],
    [{ platform: "freebsd" }, "products.0.platform"],
    [{ arch: "ia32" }, "products.0.arch"],
  ])("refuses %o", async (change, path) => {
    const { product, agent } = await world();
    const { res, json } = await callUpdate(checkBody(product.slug, "1.0.0", change), {
      token: agent.token,
    });
    expect(res.status).toBe(400);
    expect(json.errors).toEqual([expect.objectContaining({ path })]);
  });

  it("refuses bad machine ids, host names and nonces", async () => {
    const { product, agent } = await world();
    const base = checkBody(product.slug, "1.0.0");
    const cases: Array<[unknown, string]> = [
      [{ ...base, machine: { id: "a b" } }, "machine.id"],
      [{ ...base, machine: { id: "x".repeat(129) } }, "machine.id"],
      [{ ...base, machine: { id: "m1", hostname: "<script>" } }, "machine.hostname"],
      [{ ...base, machine: { id: "m1", hostname: "a".repeat(254) } }, "machine.hostname"],
      [{ ...base, nonce: "short" }, "nonce"],
    ];
    for (const [body, path] of cases) {
      const { res, json } = await callUpdate(body, { token: agent.token });
      expect(res.status, path).toBe(400);
      expect(json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
  });

  it("refuses unknown fields at every level, naming them", async () => {
    const { product, agent } = await world();
    const base = checkBody(product.slug, "1.0.0");
    const topLevel = await callUpdate({ ...base, admin: true }, { token: agent.token });
    expect(topLevel.res.status).toBe(400);
    expect(JSON.stringify(topLevel.json.errors)).toContain("admin");
    const nested = await callUpdate(
      { ...base, products: [{ ...base.products[0], licenseId: "lic_x" }] },
      { token: agent.token },
    );
    expect(nested.res.status).toBe(400);
    expect(nested.json.errors).toEqual([
      expect.objectContaining({
        path: "products.0",
        message: expect.stringContaining("licenseId"),
      }),
    ]);
  });

  it("bounds the number of products and refuses duplicates", async () => {
    const { product, agent } = await world();
    const one = checkBody(product.slug, "1.0.0").products[0];
    const machine = { id: `m-${hex()}` };
    const empty = await callUpdate({ products: [], machine }, { token: agent.token });
    expect(empty.json.errors).toEqual([expect.objectContaining({ path: "products" })]);
    const many = Array.from({ length: 21 }, (_, i) => ({ ...one, product: `p-${i}` }));
    expect(
      (await callUpdate({ products: many, machine }, { token: agent.token })).json.errors,
    ).toEqual([expect.objectContaining({ path: "products" })]);
    const twice = await callUpdate({ products: [one, one], machine }, { token: agent.token });
    expect(twice.res.status).toBe(400);
    expect(twice.json.errors).toEqual([expect.objectContaining({ path: "products.1.product" })]);
  });

  it("refuses an oversized body with 413 before parsing it", async () => {
    const { product, agent, license } = await world();
    const padded = JSON.stringify({
      ...checkBody(product.slug, "1.0.0"),
      nonce: "n".repeat(20_000),
    });
    const { res, json, requestId } = await callUpdate(padded, { token: agent.token });
    expect(res.status).toBe(413);
    expect(json).toMatchObject({ code: "payload_too_large" });
    expect(await db().auditEvent.findFirst({ where: { requestId } })).toMatchObject({
      action: "request.rejected",
    });
    expect(await db().machine.count({ where: { licenseId: license.id } })).toBe(0);
  });

  it("refuses a body that is not application/json with 415", async () => {
    const { product, agent } = await world();
    const body = JSON.stringify(checkBody(product.slug, "1.0.0"));
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", null]) {
      const { res, json } = await callUpdate(body, { token: agent.token, contentType });
      expect(res.status, String(contentType)).toBe(415);
      expect(json).toMatchObject({ code: "unsupported_media_type" });
    }
  });

  it("refuses JSON that does not parse, and JSON that is not an object", async () => {
    const { agent } = await world();
    for (const body of ["{", "[]", "null", '"x"', "\uFEFF{}"]) {
      const { res } = await callUpdate(body, { token: agent.token });
      expect(res.status, body).toBe(400);
    }
  });
});
