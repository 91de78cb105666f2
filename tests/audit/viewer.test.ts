// The audit viewer's filters, keyset pages and export, through the same operations the pages and
// the export route call.
import { randomUUID } from "node:crypto";
import { text } from "node:stream/consumers";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/lib/audit/list-audit-events";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { staff } from "../licensing/factories";

const auditor = staff(["audit:read", "audit:export"]);

async function seed(targetId: string) {
  const write = (
    ip: string,
    method: string,
    path: string,
    action: "licenses.suspended" | "downloads.refused",
    reason: string,
  ) =>
    recordAudit(db(), {
      action,
      actor: systemActor("viewer-test"),
      result: action === "downloads.refused" ? "DENIED" : "SUCCESS",
      reason,
      request: { requestId: randomUUID(), ip, method, path, userAgent: "vitest" },
      target: { type: "license", id: targetId },
    });
  await write(
    "198.18.7.10",
    "POST",
    "/admin/licenses/x",
    "licenses.suspended",
    "suspended for non-payment",
  );
  await write(
    "198.18.7.200",
    "GET",
    "/api/downloads/art_1",
    "downloads.refused",
    '=HYPERLINK("evil")',
  );
  await write("2001:db8::5", "GET", "/api/downloads/art_2", "downloads.refused", "bad signature");
}

const ids = async (input: Record<string, string | undefined>) =>
  (await listAuditEvents({ actor: auditor, input })).rows.map((r) => r.reason);

describe("audit viewer filters", () => {
  it("filter by target, result, method, path prefix, address, CIDR, action and free text", async () => {
    const targetId = `lic_${randomUUID().replace(/-/g, "")}`;
    await seed(targetId);
    const t = { targetType: "license", targetId };
    expect(await ids(t)).toHaveLength(3);
    expect(await ids({ ...t, result: "DENIED" })).toHaveLength(2);
    expect(await ids({ ...t, method: "post" })).toEqual(["suspended for non-payment"]);
    expect(await ids({ ...t, path: "/api/downloads/" })).toHaveLength(2);
    expect(await ids({ ...t, ip: "198.18.7.200" })).toEqual(['=HYPERLINK("evil")']);
    expect(await ids({ ...t, ip: "198.18.7.0/24" })).toHaveLength(2);
    expect(await ids({ ...t, ip: "2001:db8::/32" })).toEqual(["bad signature"]);
    expect(await ids({ ...t, action: "licenses.suspended" })).toHaveLength(1);
    expect(await ids({ ...t, q: "NON-PAYMENT" })).toEqual(["suspended for non-payment"]);
    expect(await ids({ ...t, to: "2001-01-01" })).toEqual([]);
    expect(await ids({ ...t, actorType: "SYSTEM", actor: "viewer-test" })).toHaveLength(3);
  });

  it("answers a CIDR filter when stored addresses include values that are not addresses", async () => {
    const targetId = `lic_${randomUUID().replace(/-/g, "")}`;
    for (const ip of ["not-an-address", "198.51.100.7", ""]) {
      await recordAudit(db(), {
        action: "licenses.suspended",
        actor: systemActor("viewer-test"),
        reason: `from ${ip || "nowhere"}`,
        request: { ip: ip || null },
        target: { type: "license", id: targetId },
      });
    }
    const t = { targetType: "license", targetId };
    expect(await ids({ ...t, ip: "198.51.100.0/24" })).toEqual(["from 198.51.100.7"]);
    expect(await ids({ ...t, q: "NOWHERE" })).toEqual(["from nowhere"]);
  });

  it("rejects a filter that is not valid instead of ignoring it", async () => {
    await expect(
      listAuditEvents({ actor: auditor, input: { ip: "not an ip" } }),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("pages with a keyset cursor: no event twice, none skipped", async () => {
    const targetId = `lic_${randomUUID().replace(/-/g, "")}`;
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
      await recordAudit(db(), {
        action: "licenses.updated",
        actor: systemActor("pager"),
        reason: `n${i}`,
        target: { type: "license", id: targetId },
      });
    }
    const first = await listAuditEvents({ actor: auditor, input: { targetId } });
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEvents({
      actor: auditor,
      input: { targetId, cursor: first.nextCursor ?? undefined },
    });
    expect(second.rows).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const all = [...first.rows, ...second.rows].map((r) => r.reason);
    expect(new Set(all).size).toBe(AUDIT_PAGE_SIZE + 5);
    expect(all[0]).toBe(`n${AUDIT_PAGE_SIZE + 4}`);
  });

  it("needs audit:read", async () => {
    await expect(
      listAuditEvents({ actor: staff(["licenses:read"]), input: {} }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("audit export", () => {
  const read = async (stream: ReadableStream<Uint8Array>) =>
    text(Readable.fromWeb(stream as import("node:stream/web").ReadableStream<Uint8Array>));

  it("streams the filtered range as NDJSON and CSV, oldest first, and is itself audited", async () => {
    const targetId = `lic_${randomUUID().replace(/-/g, "")}`;
    await seed(targetId);
    const requestId = randomUUID();
    const ndjson = await read(
      await exportAuditEvents({
        actor: auditor,
        input: { targetType: "license", targetId },
        format: "ndjson",
        request: { requestId },
      }),
    );
    const lines = ndjson
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.reason)).toEqual([
      "suspended for non-payment",
      '=HYPERLINK("evil")',
      "bad signature",
    ]);
    expect(lines[0]).toMatchObject({ method: "POST", path: "/admin/licenses/x" });
    expect(lines[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await db().auditEvent.findFirst({ where: { requestId, action: "audit.exported" } }),
    ).toMatchObject({
      actorId: auditor.userId,
      metadata: expect.objectContaining({ format: "ndjson" }),
    });

    const csv = await read(
      await exportAuditEvents({ actor: auditor, input: { targetId }, format: "csv" }),
    );
    const rows = csv.trim().split("\r\n");
    expect(rows[0]?.startsWith("seq,id,at,action,result,reason")).toBe(true);
    expect(rows).toHaveLength(4);
    // A formula is defused, and quotes are doubled.
    expect(csv).toContain(`"'=HYPERLINK(""evil"")"`);
  });

  it("needs audit:export", async () => {
    await expect(
      exportAuditEvents({ actor: staff(["audit:read"]), input: {}, format: "csv" }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
