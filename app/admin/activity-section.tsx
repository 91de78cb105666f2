import Link from "next/link";
import { formatDate, licenseLabel } from "@/components/ui/format";
import { Table } from "@/components/ui/table";
import type { StaffActor } from "@/lib/authz/actor";
import { loadActivity } from "@/lib/overview/load-activity";

// Figures as tables, readable without colour (a chart library is not wired in yet).
export async function ActivitySection({ actor }: { actor: StaffActor }) {
  const seesTrail = actor.permissions.has("audit:read");
  const seesLicenses = actor.permissions.has("licenses:read");
  if (!seesTrail && !seesLicenses) return null;
  const { days, versions, expiring } = await loadActivity();
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2">
      {seesTrail ? (
        <section aria-labelledby="activity-per-day">
          <h2 id="activity-per-day" className="mb-2 text-base font-semibold">
            Sign-ins, update checks and downloads per day
          </h2>
          <Table
            caption="Activity per day"
            rows={[...days].reverse()}
            rowKey={(d) => d.day}
            columns={[
              { header: "Day", cell: (d) => d.day },
              { header: "Sign-ins", cell: (d) => d.signIns },
              { header: "Failed sign-ins", cell: (d) => d.signInFailures },
              { header: "Update checks", cell: (d) => d.updateChecks },
              { header: "Downloads", cell: (d) => d.downloads },
            ]}
          />
        </section>
      ) : null}
      {seesLicenses ? (
        <section aria-labelledby="field-versions" className="space-y-6">
          <div>
            <h2 id="field-versions" className="mb-2 text-base font-semibold">
              Versions in the field
            </h2>
            <Table
              caption="Versions in the field per product"
              rows={versions}
              rowKey={(v) => `${v.product}@${v.version}`}
              empty="No machine has checked in yet."
              columns={[
                { header: "Product", cell: (v) => v.product },
                { header: "Version", cell: (v) => v.version },
                { header: "Machines", cell: (v) => v.machines },
              ]}
            />
          </div>
          <div>
            <h2 className="mb-2 text-base font-semibold">
              <Link href="/admin/licenses?expiring=30" className="underline">
                Licenses expiring within 30 days
              </Link>
            </h2>
            <Table
              caption="Licenses expiring within 30 days"
              rows={expiring}
              rowKey={(l) => l.id}
              empty="None."
              columns={[
                {
                  header: "License",
                  cell: (l) => (
                    <Link href={`/admin/licenses/${l.id}`} className="underline">
                      {licenseLabel(l.keyHint)}
                    </Link>
                  ),
                },
                { header: "Customer", cell: (l) => l.customer.name },
                { header: "Expires", cell: (l) => formatDate(l.expiresAt) },
              ]}
            />
          </div>
        </section>
      ) : null}
    </div>
  );
}
