import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { ADMIN_NAV } from "./nav";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requireStaffPage();
  const nav = ADMIN_NAV.filter(
    (item) => item.permission === null || actor.permissions.has(item.permission),
  );
  return (
    <AppShell
      product="Vendor portal"
      nav={nav}
      user={{ email: actor.email, detail: actor.roles.join(", ") }}
    >
      {children}
    </AppShell>
  );
}
