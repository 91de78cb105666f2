import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { seedCatalog } from "../../scripts/lib/seed/seed-catalog";
import { seedClients } from "../../scripts/lib/seed/seed-clients";
import { seedCustomers } from "../../scripts/lib/seed/seed-customers";
import { seedPeople } from "../../scripts/lib/seed/seed-people";
import { DEMO_USERS } from "../../scripts/lib/demo-users";

const DEMO_EMAILS = DEMO_USERS.filter((u) => u.kind !== "outsider").map((u) => u.email);

async function seedAll() {
  const actor = systemActor("seed");
  const { productId } = await seedCatalog(actor);
  const seeded = await seedCustomers(actor, productId);
  await seedClients(actor, seeded.licenseIds.globex ?? "");
  await db().$transaction((tx) => seedPeople(tx, seeded.customerIds));
  return seeded;
}

async function counts() {
  const [users, releases, artifacts, licenses, clients, roles] = await Promise.all([
    db().user.count({ where: { email: { in: DEMO_EMAILS } } }),
    db().release.count({ where: { product: { slug: "acme-server" } } }),
    db().artifact.count({ where: { release: { product: { slug: "acme-server" } } } }),
    db().license.count({ where: { customer: { slug: { in: ["globex", "initech"] } } } }),
    db().apiClient.count({ where: { clientId: { in: ["demo-agent", "demo-pipeline"] } } }),
    db().roleAssignment.count({ where: { user: { email: { in: DEMO_EMAILS } } } }),
  ]);
  return { users, releases, artifacts, licenses, clients, roles };
}

describe("demo seed", () => {
  it("creates the demo data the README promises, and a second run changes nothing", async () => {
    const first = await seedAll();
    expect(Object.keys(first.newKeys).sort()).toEqual(["globex", "initech"]);
    const after = await counts();
    expect(after).toEqual({
      users: 6,
      releases: 4,
      artifacts: 8,
      licenses: 2,
      clients: 2,
      roles: 4,
    });

    const published = await db().release.findMany({
      where: { product: { slug: "acme-server" } },
      select: { version: true, status: true, channel: { select: { name: true } } },
    });
    expect(published.map((r) => `${r.version}@${r.channel.name}:${r.status}`).sort()).toEqual([
      "1.0.0@stable:PUBLISHED",
      "1.1.0@stable:PUBLISHED",
      "2.0.0@stable:PUBLISHED",
      "2.1.0-beta.1@beta:PUBLISHED",
    ]);
    const initech = await db().license.findFirstOrThrow({
      where: { customer: { slug: "initech" } },
    });
    expect(initech.expiresAt.getTime()).toBeLessThan(Date.now());
    const admin = await db().user.findUniqueOrThrow({
      where: { email: "admin@vendor.test" },
      include: { roleAssignments: { include: { role: true } } },
    });
    expect(admin.roleAssignments.map((a) => a.role.key)).toEqual(["security_admin"]);

    const second = await seedAll();
    expect(second.newKeys).toEqual({});
    expect(await counts()).toEqual(after);
  });
});
