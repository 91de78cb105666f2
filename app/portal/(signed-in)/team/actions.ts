"use server";

import { defineAction } from "@/lib/http/action";
import { asCustomer } from "@/lib/portal/as-customer";
import {
  colleagueRoleSchema,
  colleagueSchema,
  inviteColleagueSchema,
} from "@/lib/portal/colleague.schema";
import { inviteCustomerUser } from "@/lib/portal/invite-customer-user";
import { removeCustomerUser } from "@/lib/portal/remove-customer-user";
import { resendCustomerInvitation } from "@/lib/portal/resend-customer-invitation";
import { setCustomerUserRole } from "@/lib/portal/set-customer-user-role";

// The customer's administrator manages colleagues of their own customer only: the customer id
// comes from the session, never from the form.
const ADMIN = { kind: "customer", membership: "ADMIN" } as const;

export const inviteColleagueAction = defineAction({
  name: "portal.team.invite",
  access: ADMIN,
  input: inviteColleagueSchema,
  handler: ({ actor, input, ctx }) =>
    inviteCustomerUser({
      actor,
      input: { ...input, customerId: asCustomer(actor).customerId },
      request: ctx,
    }),
});

export const resendColleagueInvitationAction = defineAction({
  name: "portal.team.resend_invitation",
  access: ADMIN,
  input: colleagueSchema,
  handler: ({ actor, input, ctx }) =>
    resendCustomerInvitation({
      actor,
      input: { ...input, customerId: asCustomer(actor).customerId },
      request: ctx,
    }),
});

export const removeColleagueAction = defineAction({
  name: "portal.team.remove",
  access: ADMIN,
  input: colleagueSchema,
  handler: ({ actor, input, ctx }) =>
    removeCustomerUser({
      actor,
      input: { ...input, customerId: asCustomer(actor).customerId },
      request: ctx,
    }),
});

export const setColleagueRoleAction = defineAction({
  name: "portal.team.set_role",
  access: ADMIN,
  input: colleagueRoleSchema,
  handler: ({ actor, input, ctx }) =>
    setCustomerUserRole({
      actor,
      input: { ...input, customerId: asCustomer(actor).customerId },
      request: ctx,
    }),
});
