// One page of the audit trail, newest first, with keyset pagination on the chain position
// (`seq`): the next page is "seq below the last one shown", so paging stays fast however deep.
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/authz/operation";
import { auditWhere } from "./audit-query";
import { listAuditEventsSchema } from "./list-audit-events.schema";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEventRow {
  id: string;
  seq: bigint;
  at: Date;
  action: string;
  result: "SUCCESS" | "FAILURE" | "DENIED";
  reason: string | null;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  ip: string | null;
  method: string | null;
  path: string | null;
  targetType: string | null;
  targetId: string | null;
}

export const AUDIT_ROW_COLUMNS = Prisma.sql`"id", "seq", "at", "action", "result"::text AS "result",
  "reason", "actorType"::text AS "actorType", "actorId", "actorLabel", "ip", "method", "path",
  "targetType", "targetId"`;

export async function listAuditEvents({
  actor,
  input,
  client = db(),
}: {
  actor: Actor;
  // Raw query parameters: parsed and validated here.
  input: Record<string, string | undefined>;
  // Another database than the app's (bench/audit-viewer.ts).
  client?: Db;
}): Promise<{ rows: AuditEventRow[]; nextCursor: string | null }> {
  authorize(actor, "audit:read");
  const { cursor, ...filters } = parseInput(listAuditEventsSchema, input);
  const rows = await client.$queryRaw<AuditEventRow[]>`
    SELECT ${AUDIT_ROW_COLUMNS} FROM "AuditEvent"
     WHERE ${auditWhere(filters, { before: cursor ? BigInt(cursor) : undefined })}
     ORDER BY "seq" DESC LIMIT ${AUDIT_PAGE_SIZE + 1}`;
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: page, nextCursor: more ? (page.at(-1)?.seq.toString() ?? null) : null };
}
