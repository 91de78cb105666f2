// The dashboard's activity figures: per day over the last two weeks, sign-ins and failed
// sign-ins, update checks and downloads (counted from the audit trail, using its (action, at)
// index); the versions running in the field per product (from the machines' last check-in); and
// the licenses expiring within 30 days.
import { db } from "@/lib/db/client";

export interface DayActivity {
  day: string;
  signIns: number;
  signInFailures: number;
  updateChecks: number;
  downloads: number;
}

const DAYS = 14;

export async function loadActivity(now = new Date()) {
  const since = new Date(now.getTime() - DAYS * 86_400_000);
  const soon = new Date(now.getTime() + 30 * 86_400_000);
  const [perDay, versions, expiring] = await Promise.all([
    db().$queryRaw<{ day: string; action: string; n: bigint }[]>`
      SELECT to_char(date_trunc('day', "at"), 'YYYY-MM-DD') AS day, "action", count(*) AS n
        FROM "AuditEvent"
       WHERE "at" >= ${since}
         AND "action" IN ('auth.signed_in', 'auth.sign_in_failed', 'auth.sign_in_refused',
                          'auth.mfa_failed', 'updates.checked', 'downloads.served')
       GROUP BY 1, 2`,
    db().$queryRaw<{ product: string; version: string; machines: bigint }[]>`
      SELECT v->>'product' AS product, v->>'version' AS version, count(*) AS machines
        FROM "Machine" m, jsonb_array_elements(m."versions") v
       WHERE jsonb_typeof(m."versions") = 'array'
       GROUP BY 1, 2 ORDER BY 1, 3 DESC`,
    db().license.findMany({
      where: { status: "ACTIVE", expiresAt: { gt: now, lte: soon } },
      orderBy: { expiresAt: "asc" },
      take: 20,
      select: { id: true, keyHint: true, expiresAt: true, customer: { select: { name: true } } },
    }),
  ]);
  const days = new Map<string, DayActivity>();
  for (let i = DAYS - 1; i >= 0; i--) {
    const day = new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    days.set(day, { day, signIns: 0, signInFailures: 0, updateChecks: 0, downloads: 0 });
  }
  for (const row of perDay) {
    const d = days.get(row.day);
    if (!d) continue;
    const n = Number(row.n);
    if (row.action === "auth.signed_in") d.signIns += n;
    else if (row.action === "updates.checked") d.updateChecks += n;
    else if (row.action === "downloads.served") d.downloads += n;
    else d.signInFailures += n;
  }
  return {
    days: [...days.values()],
    versions: versions.map((v) => ({ ...v, machines: Number(v.machines) })),
    expiring,
  };
}
