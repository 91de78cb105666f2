import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/page";
import { freshPolicyActor } from "@/lib/authz/admin-change";
import { loadAuthzState } from "@/lib/authz/load-authz-state";
import { grantablePermissions } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { RoleForm } from "../role-form";

export const metadata: Metadata = { title: "New role" };

export default async function NewRolePage() {
  const actor = await requireStaffPage("roles:write");
  const me = freshPolicyActor(actor, await loadAuthzState(db()));
  return (
    <>
      <PageHeader
        title="New role"
        description="Choose permissions by resource. The ones you do not hold are shown but cannot be chosen."
      />
      <Card>
        <RoleForm grantable={grantablePermissions(me)} />
      </Card>
    </>
  );
}
