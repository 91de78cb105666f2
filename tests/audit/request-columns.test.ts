// Every audit event records the HTTP access it came from: method and path are columns (the
// threat model's "how and what"), the path without its query string (download links carry
// signatures there), and lookups by request id use an index.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { requestContext } from "@/lib/http/request-context";
import { defineRoute, json } from "@/lib/http/route";

const staffOnly = defineRoute({
  name: "test.audit_columns",
  access: { kind: "staff", permission: "audit:read" },
  handler: async () => json({ ok: true }),
});

describe("method and path in the audit trail", () => {
  it("a refused API request records its method and path, not its query", async () => {
    const requestId = randomUUID();
    const res = await staffOnly(
      new Request("http://localhost/api/admin/things/42?sig=secret", {
        method: "DELETE",
        headers: { "x-request-id": requestId, "x-tollgate-peer": "192.0.2.61" },
      }),
      { params: Promise.resolve({}) },
    );
    // Refused (no session, and a DELETE from no origin): either way, audited with the access.
    expect([401, 403]).toContain(res.status);
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId } });
    expect(event).toMatchObject({ method: "DELETE", path: "/api/admin/things/42" });
  });

  it("pages and server actions take them from the headers proxy.ts sets", async () => {
    const requestId = randomUUID();
    const ctx = requestContext(
      new Headers({
        "x-request-id": requestId,
        "x-tollgate-method": "POST",
        "x-tollgate-path": "/admin/licenses/lic_1?tab=history",
      }),
    );
    expect(ctx).toMatchObject({ method: "POST", path: "/admin/licenses/lic_1" });
    await recordAudit(db(), { action: "system.seeded", actor: systemActor("t"), request: ctx });
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId } });
    expect(event).toMatchObject({ method: "POST", path: "/admin/licenses/lic_1" });
  });

  it("finds events by request id through an index", async () => {
    const indexes = await db().$queryRaw<{ indexdef: string }[]>`
      SELECT indexdef FROM pg_indexes WHERE tablename = 'AuditEvent'`;
    expect(indexes.map((i) => i.indexdef).join("\n")).toMatch(/\("requestId"\)/);
  });
});
