// The license's own page shows its history: the audit events whose target is this license,
// newest first. It is read with licenses:read, as a customer's recent activity is read with
// customers:read (get-customer.ts); the full trail is the auditor's page. The license is looked
// up with the tenant in the where clause first, so a customer's user never reads the history of
// another customer's license (a miss is a 404).
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getLicenseSchema, type GetLicenseInput } from "./get-license.schema";
import { parseInput, type OperationArgs } from "./operation";
import { customerScope } from "./tenancy";

export interface LicenseHistoryEvent {
  id: string;
  at: Date;
  action: string;
  result: "SUCCESS" | "FAILURE" | "DENIED";
  actorLabel: string | null;
  reason: string | null;
}

const EVENTS_SHOWN = 50;

export async function listLicenseHistory({
  actor,
  input,
}: OperationArgs<GetLicenseInput>): Promise<LicenseHistoryEvent[]> {
  authorize(actor, "licenses:read");
  const { licenseId } = parseInput(getLicenseSchema, input);
  const license = await db().license.findFirst({
    where: { id: licenseId, ...customerScope(actor) },
    select: { id: true },
  });
  if (!license) throw new AppError("not_found", "No such license.");
  return db().auditEvent.findMany({
    where: { targetType: "license", targetId: license.id },
    orderBy: { seq: "desc" },
    take: EVENTS_SHOWN,
    select: { id: true, at: true, action: true, result: true, actorLabel: true, reason: true },
  });
}
