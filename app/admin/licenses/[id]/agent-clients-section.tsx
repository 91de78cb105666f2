import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { NameAndId } from "@/components/ui/name-and-id";
import { Section, When } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import type { ApiClientView } from "@/lib/oauth/api-client-view";

// The update agents bound to this license; a new one is offered while the license is live.
export function AgentClientsSection({
  licenseId,
  agents,
  canCreate,
}: {
  licenseId: string;
  agents: ApiClientView[];
  canCreate: boolean;
}) {
  return (
    <Section
      id="agents"
      title="Update agent clients"
      actions={
        canCreate ? (
          <Link
            href={`/admin/api-clients?new=agent&license=${encodeURIComponent(licenseId)}`}
            className={buttonClass("secondary")}
          >
            New agent client
          </Link>
        ) : undefined
      }
    >
      <Table
        caption="Update agent clients"
        rows={agents}
        rowKey={(c) => c.id}
        empty="No API client uses this license."
        columns={[
          {
            header: "Client",
            cell: (c) => <NameAndId name={c.name} id={c.clientId} />,
          },
          {
            header: "Status",
            cell: (c) =>
              c.status === "ACTIVE" ? (
                <Badge tone="green">Active</Badge>
              ) : (
                <Badge tone="red">Revoked</Badge>
              ),
          },
          {
            header: "Last used",
            cell: (c) => <When at={c.lastUsedAt} />,
          },
        ]}
      />
    </Section>
  );
}
