import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page";
import { requireCustomerPage } from "@/lib/identity/page-guards";

export const metadata: Metadata = { title: "Your licenses" };

export default async function CustomerHome() {
  const actor = await requireCustomerPage();
  return <PageHeader title="Your licenses" description={`Signed in as ${actor.email}`} />;
}
