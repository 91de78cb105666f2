import { describe, expect, it } from "vitest";
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { getLicense } from "@/lib/licensing/get-license";
import { listClientLicenses } from "@/lib/licensing/list-client-licenses";
import { listLicenseHistory } from "@/lib/licensing/list-license-history";
import { listLicenses } from "@/lib/licensing/list-licenses";
import { recordMachineCheckIn } from "@/lib/licensing/record-machine-check-in";
import { suspendLicense } from "@/lib/licensing/suspend-license";
import { admin, makeCustomer, makeLicense, staff, thrown, uniq } from "./factories";

const DAY = 86_400_000;
const reader = () => staff(["licenses:read"]);
const ids = (page: { items: { id: string }[] }) => page.items.map((l) => l.id);

function customerUser(customerId: string): CustomerActor {
  return {
    type: "USER",
    kind: "CUSTOMER",
    userId: `usr_${uniq()}`,
    email: "someone@customer.test",
    sessionId: null,
    customerId,
    membershipRole: "MEMBER",
    roles: [],
    permissions: new Set(["licenses:read"]),
  };
}

describe("listLicenses", () => {
  it("filters by expiring within N days, status and product, and reports the effective status", async () => {
    const name = uniq("Expiring Corp");
    const customer = await makeCustomer({ name });
    const soon = await makeLicense({
      customerId: customer.id,
      expiresAt: new Date(Date.now() + 5 * DAY),
    });
    const later = await makeLicense({
      customerId: customer.id,
      expiresAt: new Date(Date.now() + 20 * DAY),
    });
    const expired = await makeLicense({
      customerId: customer.id,
      expiresAt: new Date(Date.now() - DAY),
    });
    const lapsed = await makeLicense({
      customerId: customer.id,
      expiresAt: new Date(Date.now() - DAY),
      expiryBehavior: "MAINTENANCE",
    });
    await suspendLicense({ actor: admin(), input: { licenseId: later.license.id } });

    const all = await listLicenses({ actor: reader(), input: { search: name } });
    expect(ids(all)).toEqual([lapsed, expired, later, soon].map((l) => l.license.id));
    expect(all.items.map((l) => l.effectiveStatus)).toEqual([
      "maintenance",
      "expired",
      "suspended",
      "active",
    ]);

    expect(
      ids(await listLicenses({ actor: reader(), input: { search: name, expiringWithinDays: 7 } })),
    ).toEqual([soon.license.id]);
    expect(
      ids(
        await listLicenses({ actor: reader(), input: { search: name, expiringWithinDays: "30" } }),
      ),
    ).toEqual([later.license.id, soon.license.id]);
    expect(
      ids(await listLicenses({ actor: reader(), input: { search: name, status: "SUSPENDED" } })),
    ).toEqual([later.license.id]);
    expect(
      ids(await listLicenses({ actor: reader(), input: { productId: soon.product.id } })),
    ).toEqual([soon.license.id]);
  });

  it("searches by customer name or slug, license id, key hint, or the whole key", async () => {
    const customer = await makeCustomer({ name: uniq("Searchable Inc") });
    const { license, key } = await makeLicense({ customerId: customer.id });
    const search = async (s: string) =>
      ids(await listLicenses({ actor: reader(), input: { search: s } }));
    expect(await search(customer.name.toUpperCase())).toEqual([license.id]);
    expect(await search(customer.slug)).toEqual([license.id]);
    expect(await search(license.id)).toEqual([license.id]);
    expect(await search(key.slice(-5).toLowerCase())).toContain(license.id);
    expect(await search(key)).toEqual([license.id]);
    expect(await search(key.replace(/-/g, "").toLowerCase())).toEqual([license.id]);
  });

  it("pages newest first with a cursor, without repeats or gaps, even with inserts in between", async () => {
    const customer = await makeCustomer({ name: uniq("Paged GmbH") });
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1)
      made.push((await makeLicense({ customerId: customer.id })).license.id);
    const first = await listLicenses({
      actor: reader(),
      input: { search: customer.name, limit: 2 },
    });
    expect(ids(first)).toEqual([made[4], made[3]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    // A license created between pages is newer than the cursor, so it does not shift later pages.
    await makeLicense({ customerId: customer.id });
    const second = await listLicenses({
      actor: reader(),
      input: { search: customer.name, limit: 2, cursor: first.nextCursor ?? "" },
    });
    expect(ids(second)).toEqual([made[2], made[1]]);
    const third = await listLicenses({
      actor: reader(),
      input: { search: customer.name, limit: 2, cursor: second.nextCursor ?? "" },
    });
    expect(ids(third)).toEqual([made[0]]);
    expect(third.nextCursor).toBeNull();
  });

  it("shows a customer's user only their own licenses", async () => {
    const mine = await makeLicense();
    const theirs = await makeLicense();
    const page = await listLicenses({ actor: customerUser(mine.customerId), input: {} });
    expect(ids(page)).toEqual([mine.license.id]);
    expect(ids(page)).not.toContain(theirs.license.id);
  });

  it("rejects invalid filters with field paths, and is refused without licenses:read", async () => {
    const error = await thrown(() =>
      listLicenses({ actor: reader(), input: { status: "GONE" as "ACTIVE", limit: 1000 } }),
    );
    expect(error).toMatchObject({ code: "validation_failed" });
    expect((error.extra?.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      "limit",
      "status",
    ]);
    expect(
      await thrown(() => listLicenses({ actor: staff(["customers:read"]), input: {} })),
    ).toMatchObject({ code: "forbidden" });
  });
});

describe("getLicense", () => {
  it("returns the license with entitlements and machines, without key material", async () => {
    const { license, key, product } = await makeLicense({ maxMachines: 5 });
    await db().$transaction((tx) =>
      recordMachineCheckIn(tx, {
        licenseId: license.id,
        apiClientId: null,
        machineId: "m-1",
        hostname: "build-01",
        ip: "192.0.2.10",
        versions: [{ product: product.slug, version: "1.2.3", channel: "stable" }],
        maxMachines: 5,
        now: new Date(),
      }),
    );
    const detail = await getLicense({ actor: reader(), input: { licenseId: license.id } });
    expect(detail).toMatchObject({
      id: license.id,
      machineCount: 1,
      maxMachines: 5,
      entitlements: [{ productId: product.id }],
      machines: [
        {
          machineId: "m-1",
          hostname: "build-01",
          lastIp: "192.0.2.10",
          versions: [{ version: "1.2.3" }],
        },
      ],
    });
    const serialized = JSON.stringify(detail);
    expect(serialized).not.toContain(key);
    expect(serialized).not.toMatch(/keyHash|keyCiphertext/);
  });

  it("answers 404 for an unknown license and for another customer's license", async () => {
    const mine = await makeLicense();
    const theirs = await makeLicense();
    expect(
      await thrown(() => getLicense({ actor: reader(), input: { licenseId: "lic_missing" } })),
    ).toMatchObject({ status: 404 });
    const actor = customerUser(mine.customerId);
    expect((await getLicense({ actor, input: { licenseId: mine.license.id } })).id).toBe(
      mine.license.id,
    );
    expect(
      await thrown(() => getLicense({ actor, input: { licenseId: theirs.license.id } })),
    ).toMatchObject({ status: 404 });
  });
});

describe("listLicenseHistory", () => {
  it("lists the license's audit events newest first, and 404s another customer's license", async () => {
    const mine = await makeLicense();
    const theirs = await makeLicense();
    await suspendLicense({ actor: admin(), input: { licenseId: mine.license.id, reason: "late" } });
    const history = await listLicenseHistory({
      actor: reader(),
      input: { licenseId: mine.license.id },
    });
    expect(history[0]).toMatchObject({ action: "licenses.suspended", reason: "late" });
    expect(history.map((e) => e.action)).toContain("licenses.created");

    const actor = customerUser(mine.customerId);
    expect(
      (await listLicenseHistory({ actor, input: { licenseId: mine.license.id } })).length,
    ).toBeGreaterThan(0);
    expect(
      await thrown(() => listLicenseHistory({ actor, input: { licenseId: theirs.license.id } })),
    ).toMatchObject({ status: 404 });
  });
});

describe("listClientLicenses", () => {
  it("names the customer of each license, within the actor's tenant only", async () => {
    const mine = await makeLicense();
    const theirs = await makeLicense();
    const licenseIds = [mine.license.id, theirs.license.id];
    const all = await listClientLicenses({ actor: reader(), input: { licenseIds } });
    expect(all.get(mine.license.id)?.customer.id).toBe(mine.customerId);
    expect(all.get(theirs.license.id)?.customer.id).toBe(theirs.customerId);
    const scoped = await listClientLicenses({
      actor: customerUser(mine.customerId),
      input: { licenseIds },
    });
    expect([...scoped.keys()]).toEqual([mine.license.id]);
    expect((await listClientLicenses({ actor: staff([]), input: { licenseIds } })).size).toBe(0);
  });
});
