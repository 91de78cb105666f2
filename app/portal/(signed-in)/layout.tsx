import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireCustomerPage } from "@/lib/identity/page-guards";

export const dynamic = "force-dynamic";

export default async function CustomerLayout({ children }: { children: ReactNode }) {
  const actor = await requireCustomerPage();
  return (
    <AppShell
      product="Customer portal"
      nav={[{ href: "/portal", label: "Licenses and downloads" }]}
      user={{ email: actor.email }}
    >
      {children}
    </AppShell>
  );
}
