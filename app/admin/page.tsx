import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/page";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { loadOverview } from "@/lib/overview/load-overview";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminHome() {
  const actor = await requireStaffPage();
  const overview = await loadOverview();
  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${actor.email}`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {overview.map((item) => (
          <Card key={item.label}>
            <p className="text-sm text-slate-500">{item.label}</p>
            <p className="mt-1 text-3xl font-semibold" data-testid={`overview-${item.key}`}>
              {item.value}
            </p>
          </Card>
        ))}
      </div>
    </>
  );
}
