// Customer authentication for route handlers: a customer-portal session of a user who is a
// member of a customer. A staff session never passes here (nor a customer session on staff
// routes): the two portals are separate checks. Tenancy is enforced by the domain queries with
// the actor's customerId.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/problem";
import type { RequestContext } from "@/lib/http/request-context";
import { customerActorFor } from "./identity-actor";
import { resolveSession } from "./resolve-session";
import { assertSameOrigin } from "./same-origin";
import { clearSessionCookieHeader, readSessionToken } from "./session-cookie";

export async function authenticateCustomer(
  headers: Headers,
  ctx: RequestContext,
  options: { membership?: "ADMIN" | "MEMBER"; method?: string },
): Promise<CustomerActor> {
  const token = readSessionToken(headers);
  if (!token) throw new AppError("unauthenticated", "Sign in to the customer portal.");
  assertSameOrigin(headers, options.method);
  const resolved = await resolveSession(token, ctx);
  const clearCookie = { headers: { "set-cookie": clearSessionCookieHeader() } };
  switch (resolved.status) {
    case "none":
    case "unknown":
      throw new AppError(
        "unauthenticated",
        "Your session has ended (signed out or revoked). Sign in again.",
        clearCookie,
      );
    case "expired":
      throw new AppError("unauthenticated", "Your session has expired. Sign in again.", {
        ...clearCookie,
        sessionExpired: true,
      });
    case "suspended":
      throw new AppError("unauthenticated", "Your account is suspended.", clearCookie);
  }
  const { session, user } = resolved;
  if (user.kind !== "CUSTOMER") throw new AppError("forbidden", "This is for customer users only.");
  const actor = await customerActorFor(db(), user, session.id);
  if (!actor) throw new AppError("forbidden", "Your account is not a member of any customer.");
  if (options.membership === "ADMIN" && actor.membershipRole !== "ADMIN") {
    throw new AppError("forbidden", "This requires the customer administrator role.");
  }
  return actor;
}
