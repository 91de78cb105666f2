import type { Metadata } from "next";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { listSessions } from "@/lib/identity/list-sessions";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { RevokeSessionButton } from "./revoke-button";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const actor = await requireStaffPage("sessions:read");
  const sessions = (await listSessions({ actor, input: {} })).filter((s) => s.kind === "STAFF");
  const canRevoke = actor.permissions.has("sessions:revoke");
  return (
    <>
      <PageHeader
        title="Active staff sessions"
        description="Who is signed in to the staff portal, from where, and how the second factor was passed."
      />
      <Table
        caption="Active staff sessions"
        rows={sessions}
        rowKey={(s) => s.id}
        empty="No active sessions."
        columns={[
          { header: "User", cell: (s) => s.email },
          { header: "Signed in", cell: (s) => formatDateTime(s.createdAt) },
          { header: "Last seen", cell: (s) => formatDateTime(s.lastSeenAt) },
          { header: "Expires", cell: (s) => formatDateTime(s.expires) },
          { header: "From", cell: (s) => <span className="font-mono text-xs">{s.ip ?? "—"}</span> },
          { header: "Second factor", cell: (s) => s.mfa },
          {
            header: "",
            cell: (s) =>
              canRevoke && s.id !== actor.sessionId ? (
                <RevokeSessionButton sessionId={s.id} />
              ) : null,
          },
        ]}
      />
    </>
  );
}
