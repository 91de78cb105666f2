import type { StaffActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/http/problem";
import type { RequestContext } from "@/lib/http/request-context";

// Replaced by the staff identity work (SSO session + MFA + IP allowlist).
export async function authenticateStaff(
  _headers: Headers,
  _ctx: RequestContext,
  _options: { stepUp: boolean },
): Promise<StaffActor> {
  throw new AppError("unauthenticated", "Sign in to the staff portal.");
}
