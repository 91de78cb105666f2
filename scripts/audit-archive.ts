// Retention for the audit trail: archives every monthly partition older than
// AUDIT_RETENTION_MONTHS (default 12) to the artifact storage (audit/archive/, gzip NDJSON with
// a signed manifest) and drops it; makes the coming partitions too. Runs as the database owner
// (MIGRATION_DATABASE_URL). Schedule it monthly, e.g. cron `0 3 2 * * npm run audit:archive`.
// See docs/audit.md, "Retention".
import pg from "pg";
import { archiveExpiredPartitions } from "@/lib/audit/archive-partitions";
import { pgPoolConfig } from "@/lib/db/pg-config";
import { db } from "@/lib/db/client";

async function main() {
  const url = process.env.MIGRATION_DATABASE_URL;
  if (!url)
    throw new Error("Set MIGRATION_DATABASE_URL: archiving drops partitions, as the owner.");
  const retentionMonths = Number(process.env.AUDIT_RETENTION_MONTHS || 12);
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1)
    throw new Error("AUDIT_RETENTION_MONTHS must be a whole number of months, at least 1.");
  const owner = new pg.Client(pgPoolConfig(url));
  await owner.connect();
  try {
    await owner.query("SELECT public.audit_ensure_partitions(3)");
    const archived = await archiveExpiredPartitions(owner, { retentionMonths });
    for (const m of archived) {
      console.log(
        `Archived ${m.partition}: events #${m.firstSeq}–#${m.lastSeq} (${m.count}) to ${m.object}.`,
      );
    }
    if (!archived.length) console.log(`Nothing older than ${retentionMonths} month(s) to archive.`);
  } finally {
    await owner.end();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db().$disconnect());
