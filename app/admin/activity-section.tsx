import Link from "next/link";
import { BarChart, TimeSeriesChart } from "@/components/charts";
import { formatDate, licenseLabel } from "@/components/ui/format";
import { Table } from "@/components/ui/table";
import type { StaffActor } from "@/lib/authz/actor";
import { loadActivity } from "@/lib/overview/load-activity";

const PERIOD = "Last 14 days, UTC";

const PER_DAY = [
  {
    title: "Sign-ins and failures per day",
    series: [
      { key: "signIns", label: "Sign-ins" },
      { key: "signInFailures", label: "Failures" },
    ],
    link: { href: "/admin/audit?action=auth.sign_in_failed", label: "Failed sign-ins" },
  },
  {
    title: "Update checks and downloads per day",
    series: [
      { key: "updateChecks", label: "Update checks" },
      { key: "downloads", label: "Downloads" },
    ],
    link: { href: "/admin/audit?action=downloads.served", label: "Downloads" },
  },
];

// The dashboard's figures: charts (each with its numbers as a table) linking to the lists
// they summarise.
export async function ActivitySection({ actor }: { actor: StaffActor }) {
  const seesTrail = actor.permissions.has("audit:read");
  const seesLicenses = actor.permissions.has("licenses:read");
  if (!seesTrail && !seesLicenses) return null;
  const { days, versions, expiring } = await loadActivity();
  const rows = days.map((d) => ({ ...d, day: d.day.slice(5) }));
  const products = [...new Set(versions.map((v) => v.product))];
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2">
      {seesTrail
        ? PER_DAY.map((chart) => (
            <TimeSeriesChart
              key={chart.title}
              {...chart}
              description={PERIOD}
              data={rows}
              x="day"
              xLabel="Day"
            />
          ))
        : null}
      {seesLicenses ? (
        <>
          {products.length === 0 ? (
            <BarChart
              title="Versions in the field"
              data={[]}
              x="version"
              xLabel="Version"
              series={[]}
              empty="No machine has checked in yet."
            />
          ) : (
            products.map((product) => (
              <BarChart
                key={product}
                title={`Versions in the field: ${product}`}
                description="Machines by the version they last reported"
                data={versions.filter((v) => v.product === product)}
                x="version"
                xLabel="Version"
                series={[{ key: "machines", label: "Machines" }]}
                link={{ href: `/admin/products/${encodeURIComponent(product)}`, label: "Product" }}
              />
            ))
          )}
          <section aria-labelledby="expiring-licenses">
            <h2 id="expiring-licenses" className="mb-2 text-base font-semibold">
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
          </section>
        </>
      ) : null}
    </div>
  );
}
