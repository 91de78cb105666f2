import type { ReactNode } from "react";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { getPortalCustomerName } from "@/lib/portal/get-portal-customer-name";
import { PortalShell } from "./portal-shell";

export const dynamic = "force-dynamic";

export default async function CustomerLayout({ children }: { children: ReactNode }) {
  const actor = await requireCustomerPage();
  const customerName = await getPortalCustomerName(actor);
  const nav = [
    { href: "/portal", label: "Overview" },
    { href: "/portal/downloads", label: "Downloads" },
    { href: "/portal/agents", label: "Update agents" },
    { href: "/portal/machines", label: "Machines" },
    { href: "/portal/team", label: "Team" },
    { href: "/portal/activity", label: "Activity" },
  ];
  return (
    <PortalShell customerName={customerName} email={actor.email} nav={nav}>
      {children}
    </PortalShell>
  );
}
