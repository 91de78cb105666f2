import Link from "next/link";
import type { StaffActor } from "@/lib/authz/actor";
import { filterQuery, historyHref } from "./audit-filters";

// From a record's own page to every audit event about it (for those who may read the trail).
// `label` shortens it for a table cell; `actorId` adds the events the record itself performed
// (a user's or an API client's own actions).
export function AuditHistoryLink({
  actor,
  targetType,
  targetId,
  label = "Full history in the audit trail",
  actorId,
}: {
  actor: StaffActor;
  targetType: string;
  targetId: string;
  label?: string;
  actorId?: string;
}) {
  if (!actor.permissions.has("audit:read")) return null;
  return (
    <span className="inline-flex flex-wrap gap-x-3 text-sm">
      <Link href={historyHref(targetType, targetId)} className="text-brand-700 underline">
        {label}
      </Link>
      {actorId ? (
        <Link
          href={`/admin/audit?${filterQuery({ actor: actorId })}`}
          className="text-brand-700 underline"
        >
          {label === "History" ? "Actions" : "Actions they performed"}
        </Link>
      ) : null}
    </span>
  );
}
