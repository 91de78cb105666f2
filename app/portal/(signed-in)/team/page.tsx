import type { Metadata } from "next";
import { MembersPanel } from "@/components/customers/members-panel";
import { Notice, PageHeader } from "@/components/ui/page";
import { env } from "@/lib/env";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { listCustomerMembers } from "@/lib/portal/list-customer-members";
import {
  inviteColleagueAction,
  removeColleagueAction,
  resendColleagueInvitationAction,
  setColleagueRoleAction,
} from "./actions";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const actor = await requireCustomerPage();
  const members = await listCustomerMembers({ actor, input: { customerId: actor.customerId } });
  const isAdmin = actor.membershipRole === "ADMIN";
  return (
    <>
      <PageHeader
        title="Team"
        description="The people of your organisation who can use this portal."
      />
      <div className="space-y-4">
        {!isAdmin ? (
          <Notice title="Read only">
            Your organisation&apos;s administrators invite and remove users.
          </Notice>
        ) : null}
        <MembersPanel
          members={members}
          canManage={isAdmin}
          selfUserId={actor.userId}
          scope={{}}
          signInUrl={new URL("/portal/signin", env().APP_URL).toString()}
          actions={{
            invite: inviteColleagueAction,
            resend: resendColleagueInvitationAction,
            remove: removeColleagueAction,
            setRole: setColleagueRoleAction,
          }}
        />
      </div>
    </>
  );
}
