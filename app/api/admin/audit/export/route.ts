import { z } from "zod";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { AppError, defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const format = z.enum(["csv", "ndjson"]);

// GET /api/admin/audit/export?format=csv|ndjson&<viewer filters>: a streamed download of the
// filtered range, with a fresh security-key check; the export is audited.
export const GET = defineRoute({
  name: "audit.export",
  access: { kind: "staff", permission: "audit:export", stepUp: true },
  rateLimit: ["ip"],
  handler: async ({ req, actor, ctx }) => {
    const query = Object.fromEntries(new URL(req.url).searchParams);
    const parsed = format.safeParse(query.format ?? "csv");
    if (!parsed.success) throw new AppError("validation_failed", "format is csv or ndjson.");
    const { format: _format, ...filters } = query;
    const stream = await exportAuditEvents({
      actor,
      input: filters,
      format: parsed.data,
      request: ctx,
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return new Response(stream, {
      headers: {
        "content-type":
          parsed.data === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="tollgate-audit-${stamp}.${parsed.data}"`,
        "cache-control": "no-store",
      },
    });
  },
});
