import type { Permission } from "@/lib/authz/permissions";
import { Notice } from "./page";

// Said on a page whose changes the viewer may not make (support's read-only role), so that
// missing buttons read as a decision and not as a fault. The server refuses such changes anyway.
export function ReadOnlyNote({
  actor,
  anyOf,
}: {
  actor: { permissions: ReadonlySet<Permission> };
  // The permissions that would let the viewer change something on this page.
  anyOf: readonly Permission[];
}) {
  if (anyOf.some((p) => actor.permissions.has(p))) return null;
  return (
    <div className="mb-4" data-testid="read-only-note">
      <Notice title="Read-only access">
        Your roles let you view this page but not change it. Ask a security administrator if you
        need to make changes here.
      </Notice>
    </div>
  );
}
