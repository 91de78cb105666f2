import Link from "next/link";
import type { StaffActor } from "@/lib/authz/actor";
import { historyHref } from "./audit-filters";

// From a record's own page to every audit event about it (for those who may read the trail).
export function AuditHistoryLink({
  actor,
  targetType,
  targetId,
}: {
  actor: StaffActor;
  targetType: string;
  targetId: string;
}) {
  if (!actor.permissions.has("audit:read")) return null;
  return (
    <Link href={historyHref(targetType, targetId)} className="text-sm text-brand-700 underline">
      Full history in the audit trail
    </Link>
  );
}
