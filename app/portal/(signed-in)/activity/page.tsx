import type { Metadata } from "next";
import { ActivityTable } from "@/components/licensing/activity-table";
import { PageHeader } from "@/components/ui/page";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { ACTIVITY_SHOWN, listCustomerActivity } from "@/lib/portal/list-customer-activity";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  const actor = await requireCustomerPage();
  const rows = await listCustomerActivity(actor);
  return (
    <>
      <PageHeader
        title="Activity"
        description={`What happened in your organisation's account: sign-ins, downloads, agents, licenses and team changes (the latest ${ACTIVITY_SHOWN}).`}
      />
      <ActivityTable caption="Activity" rows={rows} />
    </>
  );
}
