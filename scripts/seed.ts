// Demo data for development and tests; idempotent (a second run changes nothing). Production
// refuses to seed: demo users and fixed demo client secrets must never exist there.
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { seedPeople } from "./lib/seed/seed-people";

async function main() {
  if (env().isProduction) {
    throw new Error("Refusing to seed demo data in production (NODE_ENV=production).");
  }
  const actor = systemActor("seed");
  const customerIds: Record<string, string> = {};
  for (const c of [
    { slug: "globex", name: "Globex Corporation" },
    { slug: "initech", name: "Initech" },
  ]) {
    const customer = await db().customer.upsert({ where: { slug: c.slug }, create: c, update: {} });
    customerIds[c.slug] = customer.id;
  }
  await db().$transaction(async (tx) => {
    await seedPeople(tx, customerIds);
    await recordAudit(tx, { action: "system.seeded", actor, metadata: { customers: Object.keys(customerIds) } });
  });
  console.log("Demo data is in place.");
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => void db().$disconnect());
