import { describe, expect, it } from "vitest";
import { systemActor, type CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { toAppError } from "@/lib/http/error-mapper";
import { createCustomer } from "@/lib/licensing/create-customer";
import { getCustomer } from "@/lib/licensing/get-customer";
import { listCustomers } from "@/lib/licensing/list-customers";
import { recordMachineCheckIn } from "@/lib/licensing/record-machine-check-in";
import { updateCustomer } from "@/lib/licensing/update-customer";
import { admin, auditFor, makeCustomer, makeLicense, staff, thrown, uniq } from "./factories";

describe("createCustomer", () => {
  it("creates the customer, returns decrypted contacts, audits with contacts masked", async () => {
    const slug = uniq("acme");
    const actor = admin();
    const customer = await createCustomer({
      actor,
      input: {
        slug,
        name: "Acme",
        contactName: "Wile E.",
        contactEmail: `${slug}@acme.test`,
        contactPhone: "",
      },
      request: { requestId: "req-create-customer", ip: "10.0.0.1", userAgent: "vitest" },
    });
    expect(customer).toMatchObject({
      slug,
      name: "Acme",
      contactName: "Wile E.",
      contactEmail: `${slug}@acme.test`,
      contactPhone: null,
    });
    const [event, ...rest] = await auditFor(customer.id);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({
      action: "customers.created",
      actorId: actor.userId,
      targetType: "customer",
      requestId: "req-create-customer",
      ip: "10.0.0.1",
      after: { slug, contactName: "[encrypted]", contactEmail: "[encrypted]", contactPhone: null },
    });
    expect(JSON.stringify({ ...event, seq: String(event?.seq) })).not.toContain(
      `${slug}@acme.test`,
    );
  });

  // The operation lets Prisma's P2002 through; the one error mapper (used by every route and
  // action) answers it, naming the field.
  it("answers 409 with the field for a taken slug", async () => {
    const first = await makeCustomer();
    const error = toAppError(
      await thrown(() =>
        createCustomer({ actor: admin(), input: { slug: first.slug, name: "Again" } }),
      ),
    );
    expect(error).toMatchObject({
      code: "conflict",
      status: 409,
      message: "A customer with this slug already exists.",
      extra: { errors: [{ path: "slug" }] },
    });
  });

  it("answers 400 with field paths for invalid input", async () => {
    const error = await thrown(() =>
      createCustomer({
        actor: admin(),
        input: { slug: "Not a slug!", name: "", contactEmail: "nope", contactPhone: "call me" },
      }),
    );
    expect(error).toMatchObject({ code: "validation_failed", status: 400 });
    const paths = (error.extra?.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(["contactEmail", "contactPhone", "name", "slug"]);
  });

  it("is refused without customers:write, and nothing is written", async () => {
    const slug = uniq("denied");
    const error = await thrown(() =>
      createCustomer({ actor: staff(["customers:read"]), input: { slug, name: "Denied" } }),
    );
    expect(error).toMatchObject({ code: "forbidden", status: 403 });
    expect(await db().customer.findUnique({ where: { slug } })).toBeNull();
  });

  it("lets a system job (the seed) create customers, audited under its label", async () => {
    const customer = await createCustomer({
      actor: systemActor("seed"),
      input: { slug: uniq("seeded"), name: "Seeded" },
    });
    const [event] = await auditFor(customer.id);
    expect(event).toMatchObject({
      actorType: "SYSTEM",
      actorLabel: "seed",
      action: "customers.created",
    });
  });
});

describe("updateCustomer", () => {
  it("changes fields, clears a contact, and audits before/after with the changed field names", async () => {
    const customer = await makeCustomer();
    const updated = await updateCustomer({
      actor: admin(),
      input: {
        customerId: customer.id,
        name: "Renamed",
        contactEmail: "new@example.test",
        contactPhone: null,
      },
    });
    expect(updated).toMatchObject({
      name: "Renamed",
      contactEmail: "new@example.test",
      contactPhone: null,
      contactName: "Pat Example",
    });
    const events = await auditFor(customer.id);
    const event = events.find((e) => e.action === "customers.updated");
    expect(event).toMatchObject({
      before: { name: customer.name, contactPhone: "[encrypted]" },
      after: { name: "Renamed", contactPhone: null, contactEmail: "[encrypted]" },
      metadata: { changed: ["name", "contactEmail", "contactPhone"] },
    });
  });

  it("answers 404 for an unknown customer", async () => {
    const error = await thrown(() =>
      updateCustomer({ actor: admin(), input: { customerId: "cus_missing", name: "X" } }),
    );
    expect(error).toMatchObject({ code: "not_found", status: 404 });
  });

  it("answers 409 when renaming onto a taken slug", async () => {
    const [a, b] = [await makeCustomer(), await makeCustomer()];
    const error = toAppError(
      await thrown(() =>
        updateCustomer({ actor: admin(), input: { customerId: a.id, slug: b.slug } }),
      ),
    );
    expect(error).toMatchObject({
      code: "conflict",
      status: 409,
      extra: { errors: [{ path: "slug" }] },
    });
  });
});

describe("listCustomers", () => {
  it("searches name and slug, any case, and pages with a cursor without repeats or gaps", async () => {
    const tag = uniq("zeta").replace("-", "");
    const created = [];
    for (let i = 0; i < 5; i += 1)
      created.push(await makeCustomer({ name: `${tag.toUpperCase()} Corp ${i}` }));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await listCustomers({
        actor: staff(["customers:read"]),
        input: { search: tag, limit: 2, cursor },
      });
      seen.push(...result.items.map((c) => c.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual(created.map((c) => c.id));
    const bySlug = await listCustomers({ actor: admin(), input: { search: created[2]?.slug } });
    expect(bySlug.items.map((c) => c.id)).toEqual([created[2]?.id]);
  });

  it("rejects a cursor it did not make", async () => {
    const error = await thrown(() =>
      listCustomers({ actor: admin(), input: { cursor: "garbage" } }),
    );
    expect(error).toMatchObject({
      code: "validation_failed",
      extra: { errors: [{ path: "cursor" }] },
    });
  });

  it("is refused without customers:read", async () => {
    const error = await thrown(() => listCustomers({ actor: staff(["licenses:read"]), input: {} }));
    expect(error).toMatchObject({ code: "forbidden" });
  });
});

describe("getCustomer", () => {
  it("returns contacts, licenses, users, machines and recent activity", async () => {
    const { license, customerId } = await makeLicense();
    const user = await db().user.create({
      data: { email: `${uniq("user")}@customer.test`, kind: "CUSTOMER", name: "Cus Tomer" },
    });
    await db().customerMembership.create({ data: { userId: user.id, customerId, role: "ADMIN" } });
    await db().$transaction((tx) =>
      recordMachineCheckIn(tx, {
        licenseId: license.id,
        apiClientId: null,
        machineId: "host-a",
        hostname: "a.internal",
        ip: "10.1.1.1",
        versions: [],
        maxMachines: null,
        now: new Date(),
      }),
    );
    const detail = await getCustomer({ actor: staff(["customers:read"]), input: { customerId } });
    expect(detail.customer).toMatchObject({ id: customerId, contactName: "Pat Example" });
    expect(detail.licenses.map((l) => l.id)).toEqual([license.id]);
    expect(detail.users).toEqual([
      expect.objectContaining({ userId: user.id, email: user.email, role: "ADMIN" }),
    ]);
    expect(detail.machines).toEqual([
      expect.objectContaining({
        licenseId: license.id,
        machineId: "host-a",
        hostname: "a.internal",
      }),
    ]);
    expect(detail.recentActivity.map((e) => e.action).sort()).toEqual([
      "customers.created",
      "licenses.created",
    ]);
  });

  it("answers 404 for an unknown customer, and for another customer's user", async () => {
    const mine = await makeCustomer();
    const other = await makeCustomer();
    expect(
      await thrown(() => getCustomer({ actor: admin(), input: { customerId: "cus_nope" } })),
    ).toMatchObject({
      status: 404,
    });
    const customerUser: CustomerActor = {
      type: "USER",
      kind: "CUSTOMER",
      userId: "usr_x",
      email: "x@customer.test",
      sessionId: null,
      customerId: mine.id,
      membershipRole: "ADMIN",
      roles: [],
      permissions: new Set(["customers:read"]),
    };
    expect(
      (await getCustomer({ actor: customerUser, input: { customerId: mine.id } })).customer.id,
    ).toBe(mine.id);
    expect(
      await thrown(() => getCustomer({ actor: customerUser, input: { customerId: other.id } })),
    ).toMatchObject({ status: 404 });
  });
});
