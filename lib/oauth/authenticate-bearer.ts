import type { ClientActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/http/problem";
import type { RequestContext } from "@/lib/http/request-context";

// Replaced by the OAuth2 work (JWT access tokens from /api/oauth/token).
export async function authenticateBearer(_headers: Headers, _ctx: RequestContext): Promise<ClientActor> {
  throw new AppError("unauthenticated", "A bearer token is required.", {
    headers: { "www-authenticate": 'Bearer realm="tollgate"' },
  });
}
