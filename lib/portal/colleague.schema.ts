// The customer administrator's forms: the same inputs as vendor staff's, without a customer id
// (it is always the administrator's own customer, taken from the session).
import { z } from "zod";
import {
  customerMemberSchema,
  inviteCustomerUserSchema,
  setCustomerUserRoleSchema,
} from "./customer-member.schema";

export const inviteColleagueSchema = inviteCustomerUserSchema.omit({ customerId: true });
export const colleagueSchema = customerMemberSchema.omit({ customerId: true });
export const colleagueRoleSchema = setCustomerUserRoleSchema.omit({ customerId: true });

export const createAgentSchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(200),
  licenseId: z.string().trim().min(1, "is required").max(64),
});
