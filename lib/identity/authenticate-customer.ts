// Customer authentication (the guard core's step for customer access): a customer-portal session of a user who is a
// member of a customer. A staff session never passes here (nor a customer session on staff
// routes): the two portals are separate checks. Tenancy is enforced by the domain queries with
// the actor's customerId.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { RequestContext } from "@/lib/http/request-context";
import { customerActorFor } from "./identity-actor";
import { requireLiveSession } from "./require-live-session";
import { assertSameOrigin } from "./same-origin";
import { readSessionToken } from "./session-cookie";
import { wrongPortal } from "./wrong-portal";

export async function authenticateCustomer(
  headers: Headers,
  ctx: RequestContext,
  // sameOrigin: false for a page render (a navigation may come from a link on any site).
  options: { membership?: "ADMIN" | "MEMBER"; method?: string; sameOrigin?: boolean },
): Promise<CustomerActor> {
  const token = readSessionToken(headers);
  if (!token)
    throw new AppError("unauthenticated", "Sign in to the customer portal.", {
      signInRequired: true,
    });
  if (options.sameOrigin !== false) assertSameOrigin(headers, options.method);
  const { session, user } = await requireLiveSession(token, ctx);
  if (user.kind !== "CUSTOMER") throw await wrongPortal("CUSTOMER", user, session, ctx);
  const actor = await customerActorFor(db(), user, session.id);
  if (!actor)
    throw new AppError("forbidden", "Your account is not a member of any customer.", {
      reason: "no_membership",
    });
  if (options.membership === "ADMIN" && actor.membershipRole !== "ADMIN") {
    throw new AppError("forbidden", "This requires the customer administrator role.");
  }
  return actor;
}
