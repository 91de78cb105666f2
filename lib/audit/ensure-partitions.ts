// Monthly partitions of the audit trail are made ahead of time: this month and the next few
// (public.audit_ensure_partitions, the partitions migration). The app calls it at start and
// daily; anything that still falls outside them lands in the default partition, never fails.
import { db, type Db } from "@/lib/db/client";

export const PARTITIONS_AHEAD = 3;

export async function ensureAuditPartitions(
  client: Db = db(),
  monthsAhead = PARTITIONS_AHEAD,
): Promise<number> {
  const [row] = await client.$queryRaw<{ created: number }[]>`
    SELECT public.audit_ensure_partitions(${monthsAhead}::integer) AS created`;
  return row?.created ?? 0;
}
