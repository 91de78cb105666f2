import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhooks";
import { deliverableEvents } from "@/lib/webhooks/webhook-events";
import { NewWebhookButton } from "./new-webhook-button";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await requireStaffPage("settings:read");
  const endpoints = await listWebhookEndpoints(actor);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed deliveries of alerts and selected license and release events to your systems."
        actions={
          actor.permissions.has("settings:write") ? (
            <NewWebhookButton groups={deliverableEvents()} />
          ) : null
        }
      />
      <Table
        caption="Webhook endpoints"
        rows={endpoints}
        rowKey={(e) => e.id}
        empty="No endpoint yet."
        columns={[
          {
            header: "Name",
            cell: (e) => (
              <Link href={`/admin/settings/webhooks/${e.id}`} className="underline">
                {e.name}
              </Link>
            ),
          },
          {
            header: "URL",
            cell: (e) => <span className="font-mono text-xs break-all">{e.url}</span>,
          },
          {
            header: "Events",
            cell: (e) => <span className="font-mono text-xs">{e.events.join(", ")}</span>,
          },
          {
            header: "Status",
            cell: (e) => (
              <Badge tone={e.status === "ACTIVE" ? "green" : "red"}>
                {e.status === "ACTIVE" ? "on" : "off"}
              </Badge>
            ),
          },
          { header: "Failures in a row", cell: (e) => e.consecutiveFailures },
        ]}
      />
    </>
  );
}
