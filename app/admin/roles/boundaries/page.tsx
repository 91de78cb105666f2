import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { freshPolicyActor } from "@/lib/authz/admin-change";
import { listBoundaries, type BoundaryListItem } from "@/lib/authz/list-boundaries";
import { loadAuthzState } from "@/lib/authz/load-authz-state";
import { canDeleteBoundary, grantablePermissions } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { BoundaryForm, DeleteBoundaryButton } from "./boundary-controls";

export const metadata: Metadata = { title: "Permission boundaries" };

export default async function BoundariesPage() {
  const actor = await requireStaffPage("boundaries:read");
  const boundaries = await listBoundaries({ actor, input: {} });
  const canWrite = actor.permissions.has("boundaries:write");
  const state = await loadAuthzState(db());
  const me = freshPolicyActor(actor, state);
  return (
    <>
      <PageHeader
        title="Permission boundaries"
        description="A boundary is a ceiling attached to a user: whatever roles they hold, they can only use the permissions the boundary allows."
      />
      <div className="space-y-6">
        <Table
          caption="Permission boundaries"
          rows={boundaries}
          rowKey={(b) => b.id}
          empty="No boundaries yet."
          columns={[
            {
              header: "Boundary",
              cell: (b) => (
                <div>
                  <span className="font-medium">{b.name}</span>
                  {b.description ? (
                    <p className="mt-1 max-w-md text-xs text-slate-600">{b.description}</p>
                  ) : null}
                </div>
              ),
            },
            {
              header: "Allows",
              cell: (b) => (
                <span title={b.permissions.join(", ")}>{b.permissions.length} permissions</span>
              ),
            },
            { header: "Users", cell: (b) => <span>{b.users}</span> },
            { header: "API clients", cell: (b) => <span>{b.apiClients}</span> },
            ...(canWrite
              ? [
                  {
                    header: "Actions",
                    className: "text-right",
                    cell: (b: BoundaryListItem) => {
                      const decision = canDeleteBoundary(me, state, { boundaryId: b.id });
                      return (
                        <DeleteBoundaryButton
                          boundaryId={b.id}
                          name={b.name}
                          disabledReason={decision.allowed ? null : decision.reason}
                        />
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
        {canWrite ? (
          <Card title="New boundary">
            <BoundaryForm grantable={grantablePermissions(me)} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
