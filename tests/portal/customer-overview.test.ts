import { describe, expect, it } from "vitest";
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { loadCustomerOverview } from "@/lib/portal/load-customer-overview";
import { createSession } from "../identity/factories";
import { download, makeLicense, makeProduct, release } from "../updates/factories";

async function customerActorOf(customerId: string): Promise<CustomerActor & { cookie: string }> {
  const user = await db().user.create({
    data: { email: `portal-${customerId}@customer.test`, kind: "CUSTOMER" },
  });
  await db().customerMembership.create({ data: { userId: user.id, customerId, role: "MEMBER" } });
  const { token, session } = await createSession(user.id);
  return {
    type: "USER",
    kind: "CUSTOMER",
    userId: user.id,
    email: user.email,
    sessionId: session.id,
    customerId,
    membershipRole: "MEMBER",
    roles: ["customer_member"],
    permissions: new Set(),
    cookie: `tollgate.session=${token}`,
  };
}

describe("customer portal overview", () => {
  it("lists only the customer's own licenses and the newest entitled release, downloadable with the customer's session", async () => {
    const product = await makeProduct();
    await release(product.slug, "1.0.0");
    const newest = await release(product.slug, "1.2.0");
    await release(product.slug, "2.0.0-beta.1", { channel: "beta" });
    const mine = await makeLicense({ productId: product.id });
    const theirs = await makeLicense({ productId: product.id });
    const actor = await customerActorOf(mine.customer.id);

    const overview = await loadCustomerOverview(actor);
    expect(overview.licenses.map((l) => l.id)).toEqual([mine.license.id]);
    expect(overview.licenses.map((l) => l.id)).not.toContain(theirs.license.id);
    expect(overview.downloads).toHaveLength(1);
    const [entry] = overview.downloads;
    expect(entry).toMatchObject({
      version: "1.2.0",
      channel: "stable",
      platform: "linux",
      arch: "x64",
    });

    const ok = await download(entry?.url ?? "", { cookie: actor.cookie });
    expect(ok.res.status).toBe(200);
    expect(ok.bytes.equals(newest.contents.get("linux/x64") ?? Buffer.alloc(0))).toBe(true);

    // The link is bound to this customer: another customer's session cannot use it.
    const other = await customerActorOf(theirs.customer.id);
    expect((await download(entry?.url ?? "", { cookie: other.cookie })).res.status).toBe(403);
  });

  it("offers nothing for an expired license and says why", async () => {
    const product = await makeProduct();
    await release(product.slug, "1.0.0");
    const expired = await makeLicense({
      productId: product.id,
      expiresAt: new Date(Date.now() - 86_400_000),
    });
    const overview = await loadCustomerOverview(await customerActorOf(expired.customer.id));
    expect(overview.downloads).toEqual([]);
    expect(overview.licenses[0]?.access).toEqual({ ok: false, reason: "license_expired" });
  });
});
