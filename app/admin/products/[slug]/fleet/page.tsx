import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/charts";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import { Card, Notice, PageHeader, Section } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { orNotFound } from "@/lib/pages/or-not-found";
import { productSlugSchema } from "@/lib/releases/product.schema";
import { getFleet, type PhaseProgress, type RolloutProgress } from "@/lib/rollouts/get-fleet";
import {
  MACHINE_STATE_LABELS,
  MACHINE_STATES,
  type MachineState,
} from "@/lib/rollouts/machine-state";
import { CancelRollbackButton, DirectRollbackButton, RolloutControls } from "./fleet-controls";

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug } = await params;
  return { title: productSlugSchema.safeParse(slug).success ? `Fleet of ${slug}` : "Fleet" };
}

const STATE_TONES: Record<MachineState, "green" | "amber" | "red" | "slate" | "blue"> = {
  up_to_date: "green",
  behind: "amber",
  failed: "red",
  rolled_back: "red",
  not_seen: "slate",
};

const ROLLOUT_TONES = {
  ACTIVE: "blue",
  PAUSED: "amber",
  HALTED: "red",
  ABORTED: "red",
  COMPLETED: "green",
} as const;

function duration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function phaseLabel(p: PhaseProgress): string {
  const parts = [
    p.percentage > 0 ? `${p.percentage}%` : null,
    ...p.groups.map((g) => `group ${g}`),
  ];
  return parts.filter(Boolean).join(" + ");
}

function RolloutCard({ rollout, canManage }: { rollout: RolloutProgress; canManage: boolean }) {
  return (
    <Card>
      <div className="space-y-3" data-testid={`rollout-${rollout.version}`}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-semibold">
            Rollout of {rollout.version}{" "}
            <Badge tone={ROLLOUT_TONES[rollout.status]}>{rollout.status.toLowerCase()}</Badge>
          </h3>
          <RolloutControls
            rolloutId={rollout.id}
            version={rollout.version}
            status={rollout.status}
            canManage={canManage}
          />
        </div>
        {rollout.haltReason ? (
          <Notice tone="error" title="Halted automatically">
            {rollout.haltReason}
          </Notice>
        ) : null}
        {rollout.pendingApprovalId ? (
          <Notice tone="warning" title="Waiting for approval">
            The next phase needs a second person:{" "}
            <Link href="/admin/approvals" className="underline">
              Approvals
            </Link>
            .
          </Notice>
        ) : null}
        <Table
          caption={`Phases of the ${rollout.version} rollout`}
          rows={rollout.phases}
          rowKey={(p) => String(p.index)}
          columns={[
            { header: "Phase", cell: (p) => `${p.index + 1}: ${phaseLabel(p)}` },
            {
              header: "State",
              cell: (p) => (
                <Badge
                  tone={p.status === "current" ? "blue" : p.status === "done" ? "green" : "slate"}
                >
                  {p.status}
                </Badge>
              ),
            },
            { header: "Reported", cell: (p) => p.reported },
            { header: "Installed", cell: (p) => p.installed },
            {
              header: "Failed",
              cell: (p) => <span data-testid={`failed-${p.index + 1}`}>{p.failed}</span>,
            },
            {
              header: "Thresholds",
              className: "hidden md:table-cell",
              cell: (p) =>
                `halt at ${p.errorThreshold}% failed, advance at ${p.successThreshold}%${p.requiresApproval ? ", four eyes" : ""}`,
            },
            {
              header: "Top errors",
              cell: (p) =>
                p.topErrors.length === 0 ? (
                  "—"
                ) : (
                  <ul>
                    {p.topErrors.map((e) => (
                      <li key={e.code}>
                        <span className="font-mono text-xs">{e.code}</span> ({e.machines})
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      </div>
    </Card>
  );
}

export default async function FleetPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const actor = await requireStaffPage("releases:read");
  const { slug } = await params;
  if (!productSlugSchema.safeParse(slug).success) notFound();
  const staleDays = Number(firstParam((await searchParams).days) ?? "7") || 7;
  const fleet = await orNotFound(getFleet({ actor, input: { product: slug, staleDays } }));
  const canManage = actor.permissions.has("rollouts:manage");
  const published = fleet.releases.filter((r) => r.status === "PUBLISHED");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/admin/products" className="hover:underline">
          Products
        </Link>{" "}
        /{" "}
        <Link href={`/admin/products/${slug}`} className="font-mono hover:underline">
          {slug}
        </Link>{" "}
        / fleet
      </nav>
      <PageHeader
        title={`Fleet of ${fleet.product.name}`}
        description={`${fleet.total} machine${fleet.total === 1 ? "" : "s"} on licenses entitled to ${slug}; not seen means no check-in for ${fleet.staleDays} days.`}
        actions={
          <DirectRollbackButton
            releases={published.map((r) => ({ id: r.id, version: r.version }))}
            customers={fleet.customers}
            disabledReason={canManage ? null : "You need rollouts:manage."}
          />
        }
      />
      {fleet.truncated ? (
        <Notice tone="warning" title="Large fleet">
          The tables below show the {fleet.machines.length} most recently seen machines.
        </Notice>
      ) : null}
      <div className="space-y-8">
        <Section id="states" title="Machines by state">
          <div className="grid gap-4 md:grid-cols-2">
            <BarChart
              title="Machines by state"
              x="state"
              xLabel="State"
              data={MACHINE_STATES.map((s) => ({
                state: MACHINE_STATE_LABELS[s],
                machines: fleet.byState[s],
              }))}
              series={[{ key: "machines", label: "Machines" }]}
            />
            <BarChart
              title="Machines by version"
              x="version"
              xLabel="Version"
              data={fleet.byVersion}
              series={[{ key: "machines", label: "Machines" }]}
              empty="No machine has checked in yet."
            />
          </div>
        </Section>
        <Section id="rollouts" title="Rollouts">
          {fleet.rollouts.length === 0 ? (
            <p className="text-sm text-slate-500">
              No release of this product was rolled out in phases. Publish a release with
              &ldquo;Roll out in phases&rdquo; to start one.
            </p>
          ) : (
            fleet.rollouts.map((r) => <RolloutCard key={r.id} rollout={r} canManage={canManage} />)
          )}
        </Section>
        <Section id="rollbacks" title="Approved rollbacks">
          <Table
            caption="Approved rollbacks"
            rows={fleet.directives}
            rowKey={(d) => d.id}
            empty="No rollback was directed."
            columns={[
              { header: "From → to", cell: (d) => `${d.from} → ${d.to}` },
              {
                header: "Machines",
                cell: (d) =>
                  d.scope === "ALL"
                    ? "all"
                    : d.scope === "CUSTOMER"
                      ? (d.customer ?? "")
                      : `rollout phases 1–${d.phase ?? "?"}`,
              },
              { header: "Reason", cell: (d) => d.reason },
              { header: "Expires", cell: (d) => formatDateTime(d.expiresAt) },
              {
                header: "Status",
                cell: (d) =>
                  d.status === "ACTIVE" && canManage ? (
                    <span className="flex items-center gap-2">
                      <Badge tone="amber">active</Badge> <CancelRollbackButton directiveId={d.id} />
                    </span>
                  ) : (
                    <Badge>{d.status.toLowerCase()}</Badge>
                  ),
              },
            ]}
          />
        </Section>
        <Section id="releases" title="Releases and time to install">
          <Table
            caption="Releases and time to install"
            rows={fleet.releases}
            rowKey={(r) => r.id}
            columns={[
              {
                header: "Release",
                cell: (r) => (
                  <Link
                    href={`/admin/products/${slug}/releases/${r.id}`}
                    className="text-brand-700 hover:underline"
                  >
                    {r.version}
                  </Link>
                ),
              },
              { header: "Channel", cell: (r) => r.channel },
              {
                header: "Offered",
                cell: (r) =>
                  r.status === "YANKED"
                    ? "yanked"
                    : r.rolloutStatus
                      ? `rollout ${r.rolloutStatus.toLowerCase()}`
                      : "to everyone",
              },
              { header: "Machines on it", cell: (r) => r.machines },
              { header: "Median install", cell: (r) => duration(r.medianInstallMs) },
              {
                header: "Median publish → installed",
                cell: (r) => duration(r.medianPublishToInstallMs),
              },
            ]}
          />
        </Section>
        <Section id="customers" title="By customer">
          <Table
            caption="Machines by customer and state"
            rows={fleet.byCustomer}
            rowKey={(c) => c.id}
            empty="No machine has checked in yet."
            columns={[
              {
                header: "Customer",
                cell: (c) => (
                  <Link
                    href={`/admin/customers/${c.id}`}
                    className="text-brand-700 hover:underline"
                  >
                    {c.name}
                  </Link>
                ),
              },
              ...MACHINE_STATES.map((s) => ({
                header: MACHINE_STATE_LABELS[s],
                cell: (c: (typeof fleet.byCustomer)[number]) => c.states[s],
              })),
            ]}
          />
        </Section>
        <Section id="machines" title="Machines">
          <Table
            caption="Machines"
            rows={fleet.machines}
            rowKey={(m) => m.id}
            empty="No machine has checked in yet."
            columns={[
              {
                header: "Machine",
                cell: (m) => (
                  <div>
                    <div className="font-medium">{m.hostname ?? "—"}</div>
                    <div className="font-mono text-xs break-all text-slate-500">{m.machineId}</div>
                  </div>
                ),
              },
              { header: "Customer", cell: (m) => m.customer.name },
              { header: "Version", cell: (m) => m.version ?? "—" },
              {
                header: "State",
                cell: (m) => (
                  <span>
                    <Badge tone={STATE_TONES[m.state]}>{MACHINE_STATE_LABELS[m.state]}</Badge>
                    {m.lastError ? (
                      <span className="ml-2 font-mono text-xs">{m.lastError}</span>
                    ) : null}
                  </span>
                ),
              },
              { header: "Last check-in", cell: (m) => formatDateTime(m.lastSeenAt) },
            ]}
          />
        </Section>
      </div>
    </>
  );
}
