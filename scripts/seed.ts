// Demo data for development and tests; idempotent (a second run changes nothing). Production
// refuses to seed: demo users and fixed demo client secrets must never exist there.
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { seedCatalog } from "./lib/seed/seed-catalog";
import { seedClients } from "./lib/seed/seed-clients";
import { seedCustomers } from "./lib/seed/seed-customers";
import { seedPeople } from "./lib/seed/seed-people";

async function main() {
  if (env().isProduction) {
    throw new Error("Refusing to seed demo data in production (NODE_ENV=production).");
  }
  const actor = systemActor("seed");
  const { productId } = await seedCatalog(actor);
  const seeded = await seedCustomers(actor, productId);
  const globexLicense = seeded.licenseIds.globex;
  if (!globexLicense) throw new Error("Seed: the Globex license is missing");
  await seedClients(actor, globexLicense);
  await db().$transaction(async (tx) => {
    await seedPeople(tx, seeded.customerIds);
    if (Object.keys(seeded.newKeys).length) {
      await recordAudit(tx, {
        action: "system.seeded",
        actor,
        metadata: { customers: Object.keys(seeded.customerIds) },
      });
    }
  });
  for (const [slug, key] of Object.entries(seeded.newKeys)) {
    console.log(`License key for ${slug} (shown once): ${key}`);
  }
  console.log("Demo data is in place.");
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => void db().$disconnect());
