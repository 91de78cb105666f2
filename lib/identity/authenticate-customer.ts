import type { CustomerActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/http/problem";
import type { RequestContext } from "@/lib/http/request-context";

// Replaced by the customer identity work.
export async function authenticateCustomer(
  _headers: Headers,
  _ctx: RequestContext,
  _options: { membership?: "ADMIN" | "MEMBER" },
): Promise<CustomerActor> {
  throw new AppError("unauthenticated", "Sign in to the customer portal.");
}
