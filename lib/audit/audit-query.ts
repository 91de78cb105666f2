// The audit viewer's filters as one SQL WHERE clause (raw, because an address filter may be a
// CIDR block, which Prisma's query API cannot express). Every value is a bound parameter. The
// indexes the filters use are in prisma/schema.prisma (AuditEvent @@index) and the viewer's
// migrations; bench/audit-viewer.ts measures them.
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilters } from "./list-audit-events.schema";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function auditWhere(
  f: AuditFilters,
  page: { before?: bigint; after?: bigint } = {},
): Prisma.Sql {
  const c: Prisma.Sql[] = [Prisma.sql`"seq" IS NOT NULL`];
  if (page.before !== undefined) c.push(Prisma.sql`"seq" < ${page.before}`);
  if (page.after !== undefined) c.push(Prisma.sql`"seq" > ${page.after}`);
  if (f.actor)
    c.push(
      f.actor.includes("_") && !f.actor.includes("@")
        ? Prisma.sql`"actorId" = ${f.actor}`
        : Prisma.sql`lower("actorLabel") = lower(${f.actor})`,
    );
  if (f.actorType) c.push(Prisma.sql`"actorType" = ${f.actorType}::"ActorType"`);
  if (f.action) c.push(Prisma.sql`"action" = ${f.action}`);
  if (f.targetType) c.push(Prisma.sql`"targetType" = ${f.targetType}`);
  if (f.targetId) c.push(Prisma.sql`"targetId" = ${f.targetId}`);
  if (f.result) c.push(Prisma.sql`"result" = ${f.result}::"AuditResult"`);
  if (f.ip) {
    c.push(
      f.ip.includes("/")
        ? // audit_inet() is NULL for a stored value that is not an address (the viewer migration).
          Prisma.sql`public.audit_inet("ip") <<= ${f.ip}::inet`
        : Prisma.sql`"ip" = ${f.ip}`,
    );
  }
  if (f.method) c.push(Prisma.sql`"method" = ${f.method}`);
  if (f.path) c.push(Prisma.sql`"path" LIKE ${`${escapeLike(f.path)}%`}`);
  if (f.requestId) c.push(Prisma.sql`"requestId" = ${f.requestId}`);
  if (f.from) c.push(Prisma.sql`"at" >= ${f.from}`);
  if (f.to) c.push(Prisma.sql`"at" <= ${f.to}`);
  if (f.q) {
    const q = `%${escapeLike(f.q)}%`;
    // Exactly the expression of the trigram index (AuditEvent_search_trgm_idx).
    c.push(
      Prisma.sql`(coalesce("reason", '') || ' ' || coalesce("actorLabel", '') || ' ' || "action" || ' ' || coalesce("targetId", '')) ILIKE ${q}`,
    );
  }
  return Prisma.join(c, " AND ");
}
