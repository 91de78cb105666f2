"use server";

import { defineAction } from "@/lib/http/action";
import { updateCustomer } from "@/lib/licensing/update-customer";
import { updateCustomerSchema } from "@/lib/licensing/update-customer.schema";
import {
  customerMemberSchema,
  inviteCustomerUserSchema,
  setCustomerUserRoleSchema,
} from "@/lib/portal/customer-member.schema";
import { inviteCustomerUser } from "@/lib/portal/invite-customer-user";
import { removeCustomerUser } from "@/lib/portal/remove-customer-user";
import { resendCustomerInvitation } from "@/lib/portal/resend-customer-invitation";
import { setCustomerUserRole } from "@/lib/portal/set-customer-user-role";

export const updateCustomerAction = defineAction({
  name: "customers.update",
  access: { kind: "staff", permission: "customers:write" },
  input: updateCustomerSchema,
  handler: ({ actor, input, ctx }) => updateCustomer({ actor, input, request: ctx }),
});

// Onboarding a customer's people (lib/portal): invitations, roles and removal, audited there.
export const inviteCustomerUserAction = defineAction({
  name: "customers.invite_user",
  access: { kind: "staff", permission: "customers:write" },
  input: inviteCustomerUserSchema,
  handler: ({ actor, input, ctx }) => inviteCustomerUser({ actor, input, request: ctx }),
});

export const resendCustomerInvitationAction = defineAction({
  name: "customers.resend_invitation",
  access: { kind: "staff", permission: "customers:write" },
  input: customerMemberSchema,
  handler: ({ actor, input, ctx }) => resendCustomerInvitation({ actor, input, request: ctx }),
});

export const removeCustomerUserAction = defineAction({
  name: "customers.remove_user",
  access: { kind: "staff", permission: "customers:write" },
  input: customerMemberSchema,
  handler: ({ actor, input, ctx }) => removeCustomerUser({ actor, input, request: ctx }),
});

export const setCustomerUserRoleAction = defineAction({
  name: "customers.set_user_role",
  access: { kind: "staff", permission: "customers:write" },
  input: setCustomerUserRoleSchema,
  handler: ({ actor, input, ctx }) => setCustomerUserRole({ actor, input, request: ctx }),
});
