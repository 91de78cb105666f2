// Step one of the guard chain: turn the request's credentials into an Actor for the declared
// kind of access, or refuse. Staff and customer sessions are separate checks: a customer
// session can never satisfy a staff route, and the reverse.
import type { Actor } from "@/lib/authz/actor";
import { ANONYMOUS } from "@/lib/authz/actor";
import { authenticateSignedUrl } from "@/lib/downloads/authenticate-signed-url";
import { authenticateCustomer } from "@/lib/identity/authenticate-customer";
import { authenticateStaff } from "@/lib/identity/authenticate-staff";
import { authenticateBearer } from "@/lib/oauth/authenticate-bearer";
import type { Access } from "./access";
import type { RequestContext } from "./request-context";

// `url` is read by the signed-URL kind only.
// `method` lets the session checks demand same-origin proof for state-changing requests (CSRF).
export async function authenticate(
  access: Access,
  headers: Headers,
  ctx: RequestContext,
  method = "GET",
  url?: string,
): Promise<Actor> {
  switch (access.kind) {
    case "public":
      return ANONYMOUS;
    case "staff":
      return authenticateStaff(headers, ctx, { stepUp: access.stepUp ?? false, method });
    case "customer":
      return authenticateCustomer(headers, ctx, { membership: access.membership, method });
    case "client":
      return authenticateBearer(headers, ctx);
    case "signed-url":
      return authenticateSignedUrl(new URL(url ?? "/", "http://localhost"), headers, ctx, method);
  }
}
