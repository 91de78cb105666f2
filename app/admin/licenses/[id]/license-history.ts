// The license's own page shows its history: the audit events whose target is this license,
// newest first. It is read with licenses:read, as a customer's recent activity is read with
// customers:read (lib/licensing/get-customer.ts); the full trail is the auditor's page.
// Candidate for lib/licensing (list-license-history.ts) once that area is open again.
import type { ActivityRow } from "@/components/licensing/activity-table";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";

const EVENTS_SHOWN = 50;

// Call it after getLicense has found the license for this actor: that is the tenancy check.
export async function loadLicenseHistory(actor: Actor, licenseId: string): Promise<ActivityRow[]> {
  authorize(actor, "licenses:read");
  return db().auditEvent.findMany({
    where: { targetType: "license", targetId: licenseId },
    orderBy: { seq: "desc" },
    take: EVENTS_SHOWN,
    select: { id: true, at: true, action: true, result: true, actorLabel: true, reason: true },
  });
}
