import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createLicense } from "@/lib/licensing/create-license";
import { findLicenseByKey } from "@/lib/licensing/find-license-by-key";
import { LICENSE_KEY_PATTERN, licenseKeyHash } from "@/lib/licensing/license-key";
import { reinstateLicense } from "@/lib/licensing/reinstate-license";
import { renewLicense } from "@/lib/licensing/renew-license";
import { revealLicenseKey } from "@/lib/licensing/reveal-license-key";
import { revokeLicense } from "@/lib/licensing/revoke-license";
import { rotateLicenseKey } from "@/lib/licensing/rotate-license-key";
import { suspendLicense } from "@/lib/licensing/suspend-license";
import { transferLicense } from "@/lib/licensing/transfer-license";
import { updateLicense } from "@/lib/licensing/update-license";
import {
  admin,
  auditFor,
  makeCustomer,
  makeLicense,
  makeProduct,
  staff,
  thrown,
} from "./factories";

const DAY = 86_400_000;
const support = () => staff(["customers:read", "licenses:read", "products:read", "audit:read"]);
const errorPaths = (e: { extra?: Record<string, unknown> }) =>
  ((e.extra?.errors ?? []) as { path: string }[]).map((x) => x.path);

describe("createLicense", () => {
  it("returns the key once, stores only its hash, ciphertext and hint, and audits the creation", async () => {
    const customer = await makeCustomer();
    const product = await makeProduct(["stable", "lts"]);
    const expiresAt = new Date(Date.now() + 30 * DAY);
    const actor = admin();
    const { license, key } = await createLicense({
      actor,
      input: {
        customerId: customer.id,
        entitlements: [
          {
            productId: product.id,
            channels: ["stable", "lts"],
            platforms: ["linux/x64", "windows/x64"],
          },
        ],
        expiresAt: expiresAt.toISOString(),
        expiryBehavior: "MAINTENANCE",
        maxMachines: 3,
        notes: "pilot",
      },
    });
    expect(key).toMatch(LICENSE_KEY_PATTERN);
    expect(license).toMatchObject({
      customer: { id: customer.id, slug: customer.slug },
      status: "ACTIVE",
      effectiveStatus: "active",
      expiresAt,
      expiryBehavior: "MAINTENANCE",
      maxMachines: 3,
      notes: "pilot",
      keyHint: key.slice(-5),
      entitlements: [
        {
          productId: product.id,
          productSlug: product.slug,
          channels: ["stable", "lts"],
          platforms: ["linux/x64", "windows/x64"],
        },
      ],
    });
    expect(JSON.stringify(license)).not.toContain(key);
    const row = await db().license.findUniqueOrThrow({ where: { id: license.id } });
    expect(row.keyHash).toBe(licenseKeyHash(key));
    expect(row.keyCiphertext).toMatch(/^v1\./);
    expect((await findLicenseByKey(db(), key.toLowerCase()))?.id).toBe(license.id);
    const [event, ...others] = await auditFor(license.id);
    expect(others).toHaveLength(0);
    expect(event).toMatchObject({
      action: "licenses.created",
      actorId: actor.userId,
      result: "SUCCESS",
      after: { status: "ACTIVE", maxMachines: 3, keyHint: key.slice(-5) },
    });
    expect(JSON.stringify(event?.after)).not.toContain(key);
    expect(JSON.stringify(event?.after)).not.toContain(row.keyHash);
  });

  it("defaults to access stopping at expiry, no machine limit, empty notes and every platform", async () => {
    const product = await makeProduct();
    const customer = await makeCustomer();
    const { license } = await createLicense({
      actor: admin(),
      input: {
        customerId: customer.id,
        entitlements: [{ productId: product.id, channels: ["stable"] }],
        expiresAt: "2030-01-01",
      },
    });
    expect(license).toMatchObject({ expiryBehavior: "ACCESS_STOPS", maxMachines: null, notes: "" });
    expect(license.expiresAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(license.entitlements[0]?.platforms).toEqual([]);
  });

  it("answers 400 with field paths for unknown products, unknown channels and malformed platforms", async () => {
    const customer = await makeCustomer();
    const product = await makeProduct(["stable"]);
    const unknown = await thrown(() =>
      createLicense({
        actor: admin(),
        input: {
          customerId: customer.id,
          entitlements: [
            { productId: product.id, channels: ["stable", "nightly"] },
            { productId: "prd_missing", channels: ["stable"] },
          ],
          expiresAt: new Date(),
        },
      }),
    );
    expect(unknown).toMatchObject({ code: "validation_failed", status: 400 });
    expect(errorPaths(unknown).sort()).toEqual([
      "entitlements.0.channels.1",
      "entitlements.1.productId",
    ]);

    const malformed = await thrown(() =>
      createLicense({
        actor: admin(),
        input: {
          customerId: customer.id,
          entitlements: [
            { productId: product.id, channels: [], platforms: ["linux-x64"] },
            { productId: product.id, channels: ["stable"] },
          ],
          expiresAt: "next tuesday",
          maxMachines: 0,
        },
      }),
    );
    expect(errorPaths(malformed).sort()).toEqual([
      "entitlements.0.channels",
      "entitlements.0.platforms.0",
      "entitlements.1.productId",
      "expiresAt",
      "maxMachines",
    ]);
    expect(await db().license.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("answers 404 for an unknown customer", async () => {
    const product = await makeProduct();
    const error = await thrown(() =>
      createLicense({
        actor: admin(),
        input: {
          customerId: "cus_missing",
          entitlements: [{ productId: product.id, channels: ["stable"] }],
          expiresAt: new Date(),
        },
      }),
    );
    expect(error).toMatchObject({ code: "not_found", status: 404 });
  });
});

describe("support can view but not change a license", () => {
  it("is refused every change and every key display, and nothing changes", async () => {
    const { license } = await makeLicense();
    const actor = support();
    const attempts: [string, () => Promise<unknown>][] = [
      ["update", () => updateLicense({ actor, input: { licenseId: license.id, notes: "x" } })],
      [
        "renew",
        () => renewLicense({ actor, input: { licenseId: license.id, expiresAt: "2099-01-01" } }),
      ],
      ["suspend", () => suspendLicense({ actor, input: { licenseId: license.id } })],
      ["revoke", () => revokeLicense({ actor, input: { licenseId: license.id } })],
      ["rotate", () => rotateLicenseKey({ actor, input: { licenseId: license.id } })],
      ["reveal", () => revealLicenseKey({ actor, input: { licenseId: license.id } })],
    ];
    for (const [, attempt] of attempts) {
      expect(await thrown(attempt)).toMatchObject({ code: "forbidden", status: 403 });
    }
    const row = await db().license.findUniqueOrThrow({ where: { id: license.id } });
    expect(row).toMatchObject({ status: "ACTIVE", notes: "", keyHint: license.keyHint });
    expect((await auditFor(license.id)).map((e) => e.action)).toEqual(["licenses.created"]);
  });
});

describe("updateLicense", () => {
  it("replaces entitlements and edits fields, audited with before and after", async () => {
    const { license, product } = await makeLicense({ maxMachines: 2 });
    const other = await makeProduct(["stable", "beta"]);
    const updated = await updateLicense({
      actor: admin(),
      input: {
        licenseId: license.id,
        entitlements: [
          { productId: product.id, channels: ["stable", "beta"] },
          { productId: other.id, channels: ["beta"], platforms: ["darwin/arm64"] },
        ],
        maxMachines: null,
        notes: "expanded",
        expiryBehavior: "MAINTENANCE",
      },
    });
    expect(updated).toMatchObject({
      maxMachines: null,
      notes: "expanded",
      expiryBehavior: "MAINTENANCE",
    });
    expect(updated.entitlements.map((e) => [e.productId, e.channels, e.platforms])).toEqual([
      [product.id, ["stable", "beta"], []],
      [other.id, ["beta"], ["darwin/arm64"]],
    ]);
    const event = (await auditFor(license.id)).find((e) => e.action === "licenses.updated");
    expect(event).toMatchObject({
      before: {
        maxMachines: 2,
        notes: "",
        entitlements: [{ productId: product.id, channels: ["stable"] }],
      },
      after: { maxMachines: null, notes: "expanded" },
    });

    const dropped = await updateLicense({
      actor: admin(),
      input: {
        licenseId: license.id,
        entitlements: [{ productId: other.id, channels: ["stable"] }],
      },
    });
    expect(dropped.entitlements.map((e) => e.productId)).toEqual([other.id]);
  });

  it("answers 404 for an unknown license and 409 for a revoked one", async () => {
    expect(
      await thrown(() =>
        updateLicense({ actor: admin(), input: { licenseId: "lic_missing", notes: "x" } }),
      ),
    ).toMatchObject({
      status: 404,
    });
    const { license } = await makeLicense();
    await revokeLicense({ actor: admin(), input: { licenseId: license.id } });
    expect(
      await thrown(() =>
        updateLicense({ actor: admin(), input: { licenseId: license.id, notes: "x" } }),
      ),
    ).toMatchObject({
      code: "conflict",
      status: 409,
    });
  });
});

describe("renewLicense", () => {
  it("extends the expiry, audited as licenses.renewed", async () => {
    const { license } = await makeLicense();
    const later = new Date(license.expiresAt.getTime() + 365 * DAY);
    const renewed = await renewLicense({
      actor: admin(),
      input: { licenseId: license.id, expiresAt: later, reason: "paid" },
    });
    expect(renewed.expiresAt).toEqual(later);
    const event = (await auditFor(license.id)).find((e) => e.action === "licenses.renewed");
    expect(event).toMatchObject({
      reason: "paid",
      before: { expiresAt: license.expiresAt.toISOString() },
      after: { expiresAt: later.toISOString() },
    });
  });

  it("refuses a date that is not later (400 on expiresAt)", async () => {
    const { license } = await makeLicense();
    const error = await thrown(() =>
      renewLicense({
        actor: admin(),
        input: { licenseId: license.id, expiresAt: license.expiresAt },
      }),
    );
    expect(error).toMatchObject({ code: "validation_failed" });
    expect(errorPaths(error)).toEqual(["expiresAt"]);
  });
});

describe("suspend, reinstate, revoke", () => {
  it("moves through the states, each audited with before/after, and revocation is terminal", async () => {
    const { license } = await makeLicense();
    const id = license.id;
    const suspended = await suspendLicense({
      actor: staff(["licenses:suspend"]),
      input: { licenseId: id, reason: "unpaid" },
    });
    expect(suspended).toMatchObject({ status: "SUSPENDED", effectiveStatus: "suspended" });
    expect(suspended.suspendedAt).toBeInstanceOf(Date);
    expect(
      await thrown(() => suspendLicense({ actor: admin(), input: { licenseId: id } })),
    ).toMatchObject({ status: 409 });

    const reinstated = await reinstateLicense({
      actor: staff(["licenses:suspend"]),
      input: { licenseId: id },
    });
    expect(reinstated).toMatchObject({ status: "ACTIVE", suspendedAt: null });
    expect(
      await thrown(() => reinstateLicense({ actor: admin(), input: { licenseId: id } })),
    ).toMatchObject({ status: 409 });

    expect(
      await thrown(() =>
        revokeLicense({ actor: staff(["licenses:suspend"]), input: { licenseId: id } }),
      ),
    ).toMatchObject({
      status: 403,
    });
    const revoked = await revokeLicense({
      actor: staff(["licenses:revoke"]),
      input: { licenseId: id, reason: "fraud" },
    });
    expect(revoked).toMatchObject({ status: "REVOKED", effectiveStatus: "revoked" });
    expect(revoked.revokedAt).toBeInstanceOf(Date);

    for (const attempt of [
      () => reinstateLicense({ actor: admin(), input: { licenseId: id } }),
      () => suspendLicense({ actor: admin(), input: { licenseId: id } }),
      () => revokeLicense({ actor: admin(), input: { licenseId: id } }),
      () => renewLicense({ actor: admin(), input: { licenseId: id, expiresAt: "2099-01-01" } }),
      () => rotateLicenseKey({ actor: admin(), input: { licenseId: id } }),
    ]) {
      expect(await thrown(attempt)).toMatchObject({ code: "conflict", status: 409 });
    }

    const events = await auditFor(id);
    expect(events.map((e) => [e.action, e.reason])).toEqual([
      ["licenses.created", null],
      ["licenses.suspended", "unpaid"],
      ["licenses.reinstated", null],
      ["licenses.revoked", "fraud"],
    ]);
    expect(events[1]).toMatchObject({
      before: { status: "ACTIVE" },
      after: { status: "SUSPENDED" },
    });
    expect(events[3]).toMatchObject({ before: { status: "ACTIVE" }, after: { status: "REVOKED" } });
  });

  it("can revoke a suspended license", async () => {
    const { license } = await makeLicense();
    await suspendLicense({ actor: admin(), input: { licenseId: license.id } });
    expect((await revokeLicense({ actor: admin(), input: { licenseId: license.id } })).status).toBe(
      "REVOKED",
    );
  });

  it("answers 404 for unknown licenses", async () => {
    for (const attempt of [
      () => suspendLicense({ actor: admin(), input: { licenseId: "lic_missing" } }),
      () => reinstateLicense({ actor: admin(), input: { licenseId: "lic_missing" } }),
      () => revokeLicense({ actor: admin(), input: { licenseId: "lic_missing" } }),
      () => revealLicenseKey({ actor: admin(), input: { licenseId: "lic_missing" } }),
    ]) {
      expect(await thrown(attempt)).toMatchObject({ code: "not_found", status: 404 });
    }
  });

  it("applies concurrent suspensions one at a time: one succeeds, one conflicts", async () => {
    const { license } = await makeLicense();
    const results = await Promise.allSettled([
      suspendLicense({ actor: admin(), input: { licenseId: license.id } }),
      suspendLicense({ actor: admin(), input: { licenseId: license.id } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect(
      (await auditFor(license.id)).filter((e) => e.action === "licenses.suspended"),
    ).toHaveLength(1);
  });
});

describe("rotateLicenseKey and revealLicenseKey", () => {
  it("rotation returns a new key once; the old key stops matching; reveal shows the current key, audited", async () => {
    const { license, key: oldKey } = await makeLicense();
    const { key: newKey, license: after } = await rotateLicenseKey({
      actor: staff(["licenses:reveal_key"]),
      input: { licenseId: license.id, reason: "leaked" },
    });
    expect(newKey).toMatch(LICENSE_KEY_PATTERN);
    expect(newKey).not.toBe(oldKey);
    expect(after.keyHint).toBe(newKey.slice(-5));
    expect(await findLicenseByKey(db(), oldKey)).toBeNull();
    expect((await findLicenseByKey(db(), newKey))?.id).toBe(license.id);

    const actor = staff(["licenses:reveal_key"]);
    const revealed = await revealLicenseKey({
      actor,
      input: { licenseId: license.id, reason: "customer lost it" },
      request: { requestId: "req-reveal", ip: "10.9.9.9", userAgent: "vitest" },
    });
    expect(revealed).toEqual({ licenseId: license.id, key: newKey });

    const events = await auditFor(license.id);
    expect(events.map((e) => e.action)).toEqual([
      "licenses.created",
      "licenses.key_rotated",
      "licenses.key_revealed",
    ]);
    expect(events[1]).toMatchObject({
      reason: "leaked",
      before: { keyHint: oldKey.slice(-5) },
      after: { keyHint: newKey.slice(-5) },
    });
    expect(events[2]).toMatchObject({
      actorId: actor.userId,
      reason: "customer lost it",
      requestId: "req-reveal",
      ip: "10.9.9.9",
      metadata: { keyHint: newKey.slice(-5) },
    });
    const trail = JSON.stringify(events.map((e) => ({ ...e, seq: String(e.seq) })));
    expect(trail).not.toContain(oldKey);
    expect(trail).not.toContain(newKey);
  });

  it("reveal needs licenses:reveal_key even for someone who may edit licenses", async () => {
    const { license } = await makeLicense();
    const error = await thrown(() =>
      revealLicenseKey({
        actor: staff(["licenses:read", "licenses:write"]),
        input: { licenseId: license.id },
      }),
    );
    expect(error).toMatchObject({ code: "forbidden" });
    expect((await auditFor(license.id)).map((e) => e.action)).toEqual(["licenses.created"]);
  });
});

describe("transferLicense", () => {
  it("moves an entitlement to another product, keeping channels and platforms by default", async () => {
    const { license, product } = await makeLicense();
    const target = await makeProduct(["stable"]);
    const moved = await transferLicense({
      actor: admin(),
      input: {
        licenseId: license.id,
        fromProductId: product.id,
        toProductId: target.id,
        reason: "product renamed",
      },
    });
    expect(moved.entitlements).toEqual([
      expect.objectContaining({
        productId: target.id,
        channels: ["stable"],
        platforms: ["linux/x64"],
      }),
    ]);
    const event = (await auditFor(license.id)).find((e) => e.action === "licenses.transferred");
    expect(event).toMatchObject({
      reason: "product renamed",
      before: { entitlements: [{ productId: product.id }] },
      after: { entitlements: [{ productId: target.id }] },
      metadata: { fromProductId: product.id, toProductId: target.id },
    });
  });

  it("refuses a target the license already has (409), a channel the target lacks (400), a source it lacks (400)", async () => {
    const { license, product } = await makeLicense();
    const second = await makeProduct(["stable"]);
    const noStable = await makeProduct(["edge"]);
    await updateLicense({
      actor: admin(),
      input: {
        licenseId: license.id,
        entitlements: [
          { productId: product.id, channels: ["stable"] },
          { productId: second.id, channels: ["stable"] },
        ],
      },
    });
    expect(
      await thrown(() =>
        transferLicense({
          actor: admin(),
          input: { licenseId: license.id, fromProductId: product.id, toProductId: second.id },
        }),
      ),
    ).toMatchObject({ code: "conflict", status: 409 });
    const channel = await thrown(() =>
      transferLicense({
        actor: admin(),
        input: { licenseId: license.id, fromProductId: product.id, toProductId: noStable.id },
      }),
    );
    expect(channel).toMatchObject({ code: "validation_failed" });
    expect(errorPaths(channel)).toEqual(["channels.0"]);
    const source = await thrown(() =>
      transferLicense({
        actor: admin(),
        input: { licenseId: license.id, fromProductId: noStable.id, toProductId: product.id },
      }),
    );
    expect(errorPaths(source)).toEqual(["fromProductId"]);
  });
});
