// Which audit events an endpoint can receive, by name. An endpoint's selection is a list of
// audit action names ("licenses.revoked") and families ("licenses.*": every deliverable action of
// the family, including ones added later). A family listed here without `only` delivers every
// action of that resource, so a new family (rollouts: `rollout: { label: "Rollouts" }`) makes
// its `rollout.*` actions selectable by name and as `rollout.*` with no other change.
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";

interface Family {
  label: string;
  // The deliverable actions of the family; all of its actions when absent.
  only?: readonly AuditAction[];
}

export const WEBHOOK_FAMILIES: Record<string, Family> = {
  alerts: {
    label: "Security alerts",
    only: ["alerts.raised", "alerts.acknowledged", "alerts.resolved"],
  },
  licenses: {
    label: "Licenses",
    only: ["licenses.created", "licenses.suspended", "licenses.reinstated", "licenses.revoked"],
  },
  releases: {
    label: "Releases",
    only: ["releases.created", "releases.published", "releases.yanked"],
  },
  rollout: { label: "Rollouts" },
  rollback: { label: "Rollbacks" },
  webhooks: { label: "Webhook endpoints", only: ["webhooks.disabled"] },
};

const familyOf = (action: string) => action.slice(0, action.indexOf("."));

export function isDeliverable(action: string): boolean {
  const family = WEBHOOK_FAMILIES[familyOf(action)];
  if (!family) return false;
  return family.only
    ? (family.only as readonly string[]).includes(action)
    : (AUDIT_ACTIONS as readonly string[]).includes(action);
}

// The selection entries that pick this action: its own name and its family's wildcard.
export function selectorsFor(action: string): [string, string] {
  return [action, `${familyOf(action)}.*`];
}

export function isSelectable(name: string): boolean {
  if (name.endsWith(".*")) return Object.hasOwn(WEBHOOK_FAMILIES, name.slice(0, -2));
  return isDeliverable(name);
}

export function deliverableEvents(): { family: string; label: string; actions: string[] }[] {
  return Object.entries(WEBHOOK_FAMILIES).map(([family, f]) => ({
    family,
    label: f.label,
    actions: AUDIT_ACTIONS.filter((a) => familyOf(a) === family && isDeliverable(a)),
  }));
}
