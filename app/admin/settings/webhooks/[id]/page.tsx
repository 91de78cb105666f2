import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { getWebhookEndpoint } from "@/lib/webhooks/list-webhooks";
import { AuditHistoryLink } from "../../../audit/history-link";
import { EndpointControls } from "../endpoint-controls";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffPage("settings:read");
  const found = await getWebhookEndpoint(actor, (await params).id);
  if (!found) notFound();
  const { endpoint, deliveries } = found;
  return (
    <>
      <PageHeader
        title={endpoint.name}
        description={<span className="font-mono break-all">{endpoint.url}</span>}
        actions={
          actor.permissions.has("settings:write") ? (
            <EndpointControls endpointId={endpoint.id} status={endpoint.status} />
          ) : null
        }
      />
      <Card>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Status</dt>
            <dd data-testid="endpoint-status">
              <Badge tone={endpoint.status === "ACTIVE" ? "green" : "red"}>
                {endpoint.status === "ACTIVE" ? "on" : "off"}
              </Badge>{" "}
              {endpoint.disabledReason ?? ""}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Events</dt>
            <dd className="font-mono text-xs">{endpoint.events.join(", ")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Secret</dt>
            <dd className="font-mono">…{endpoint.secretHint}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Failed attempts in a row</dt>
            <dd>{endpoint.consecutiveFailures}</dd>
          </div>
        </dl>
        <p className="mt-3">
          <AuditHistoryLink actor={actor} targetType="webhook" targetId={endpoint.id} />
        </p>
      </Card>
      <h2 className="mt-6 mb-2 text-base font-semibold">Delivery log</h2>
      <Table
        caption="Deliveries"
        rows={deliveries}
        rowKey={(d) => d.id}
        empty="Nothing delivered yet."
        columns={[
          { header: "Queued", cell: (d) => formatDateTime(d.createdAt) },
          {
            header: "Event",
            cell: (d) => <span className="font-mono text-xs">{d.eventType}</span>,
          },
          { header: "Status", cell: (d) => d.status.toLowerCase() },
          { header: "Attempts", cell: (d) => d.attempts },
          {
            header: "Responses",
            cell: (d) =>
              d.attemptLog
                .map((a) => (a.statusCode ? String(a.statusCode) : (a.error ?? "no response")))
                .join(", ") || "—",
          },
          {
            header: "Next attempt",
            cell: (d) => (d.status === "PENDING" ? formatDateTime(d.nextAttemptAt) : "—"),
          },
          { header: "Delivery id", cell: (d) => <span className="font-mono text-xs">{d.id}</span> },
        ]}
      />
    </>
  );
}
