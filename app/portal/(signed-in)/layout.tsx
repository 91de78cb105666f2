import type { ReactNode } from "react";
import { db } from "@/lib/db/client";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { PortalShell } from "./portal-shell";

export const dynamic = "force-dynamic";

export default async function CustomerLayout({ children }: { children: ReactNode }) {
  const actor = await requireCustomerPage();
  const customer = await db().customer.findUniqueOrThrow({
    where: { id: actor.customerId },
    select: { name: true },
  });
  const nav = [
    { href: "/portal", label: "Overview" },
    { href: "/portal/downloads", label: "Downloads" },
    { href: "/portal/agents", label: "Update agents" },
    { href: "/portal/machines", label: "Machines" },
    { href: "/portal/team", label: "Team" },
    { href: "/portal/activity", label: "Activity" },
  ];
  return (
    <PortalShell customerName={customer.name} email={actor.email} nav={nav}>
      {children}
    </PortalShell>
  );
}
