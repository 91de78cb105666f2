// Streams a filtered range of the trail as CSV or NDJSON, oldest first, in keyset batches, so an
// export of millions of events holds one batch in memory at a time. The export is itself audited
// (audit.exported, with the filters) before the first byte is sent. Hashes travel along, so an
// exported range can be checked against the chain offline.
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/authz/operation";
import { recordAudit, type AuditRequestInfo } from "./record-audit";
import { auditWhere } from "./audit-query";
import { auditFiltersSchema } from "./list-audit-events.schema";

export type ExportFormat = "csv" | "ndjson";

const BATCH = 1000;

const COLUMNS = [
  "seq",
  "id",
  "at",
  "action",
  "result",
  "reason",
  "actorType",
  "actorId",
  "actorLabel",
  "actorRoles",
  "ip",
  "userAgent",
  "requestId",
  "method",
  "path",
  "targetType",
  "targetId",
  "before",
  "after",
  "metadata",
  "prevHash",
  "hash",
] as const;

type ExportRow = Record<(typeof COLUMNS)[number], unknown>;

// RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula.
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (format: ExportFormat, row: ExportRow) =>
  format === "csv"
    ? `${COLUMNS.map((c) => csvCell(row[c])).join(",")}\r\n`
    : `${JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`;

export async function exportAuditEvents({
  actor,
  input,
  format,
  request,
}: {
  actor: Actor;
  input: unknown;
  format: ExportFormat;
  request?: AuditRequestInfo;
}): Promise<ReadableStream<Uint8Array>> {
  authorize(actor, "audit:export");
  const filters = parseInput(auditFiltersSchema, input);
  await recordAudit(db(), {
    action: "audit.exported",
    actor,
    request,
    target: { type: "audit", id: null },
    metadata: { format, filters },
  });
  const encoder = new TextEncoder();
  let after = 0n;
  let headerSent = format !== "csv";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
        return;
      }
      const rows = await db().$queryRaw<ExportRow[]>`
        SELECT "seq", "id", "at", "action", "result"::text AS "result", "reason",
               "actorType"::text AS "actorType", "actorId", "actorLabel", "actorRoles", "ip",
               "userAgent", "requestId", "method", "path", "targetType", "targetId",
               "before", "after", "metadata", "prevHash", "hash"
          FROM "AuditEvent" WHERE ${auditWhere(filters, { after })}
         ORDER BY "seq" ASC LIMIT ${BATCH}`;
      if (rows.length === 0) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(rows.map((r) => line(format, r)).join("")));
      after = BigInt(String(rows.at(-1)?.seq ?? after));
      if (rows.length < BATCH) controller.close();
    },
  });
}
