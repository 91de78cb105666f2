import { NameAndId } from "@/components/ui/name-and-id";
import { Section, When } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import type { LicenseMachine } from "@/lib/licensing/get-license";

// What an agent last reported it runs, e.g. { "acme-server": "2.0.0" }.
function versionsText(versions: unknown): string {
  if (!versions || typeof versions !== "object") return "—";
  const entries = Object.entries(versions as Record<string, unknown>).filter(
    ([, v]) => typeof v === "string",
  );
  return entries.length ? entries.map(([k, v]) => `${k} ${String(v)}`).join(", ") : "—";
}

export function MachinesSection({ machines }: { machines: LicenseMachine[] }) {
  return (
    <Section id="machines" title="Machines">
      <Table
        caption="Machines"
        rows={machines}
        rowKey={(m) => m.id}
        empty="No machine has checked in with this license yet."
        columns={[
          {
            header: "Machine",
            cell: (m) => <NameAndId name={m.hostname} id={m.machineId} />,
          },
          { header: "Running", cell: (m) => versionsText(m.versions) },
          {
            header: "Last address",
            cell: (m) => <span className="font-mono text-xs">{m.lastIp ?? "—"}</span>,
          },
          {
            header: "First seen",
            cell: (m) => <When at={m.firstSeenAt} time={false} />,
          },
          {
            header: "Last seen",
            cell: (m) => <When at={m.lastSeenAt} />,
          },
        ]}
      />
    </Section>
  );
}
