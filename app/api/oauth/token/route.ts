// POST /api/oauth/token: the OAuth2 client credentials grant (RFC 6749 §4.4) for update agents
// and the build pipeline. Its answers, errors included, follow RFC 6749 §5.1/§5.2 (JSON
// { error, error_description }) rather than problem+json, because OAuth2 client libraries parse
// exactly that shape. Only a rate limit refusal or a server error comes back as problem+json.
//
// The "token" rate limit and the failure lockout are enforced here rather than declared on the
// route: the lockout counts per (claimed client_id, address) and per address, and the client_id
// is only known once the form is read (lib/oauth/token-lockout.ts).
import { defineRoute, json } from "@/lib/http/route";
import { issueAccessToken } from "@/lib/oauth/issue-access-token";
import { oauthErrorResponse, TOKEN_RESPONSE_HEADERS } from "@/lib/oauth/oauth-error";
import { enforceTokenLockout } from "@/lib/oauth/token-lockout";
import { readTokenRequest } from "@/lib/oauth/token-request";
import { enforceRateLimits } from "@/lib/ratelimit/enforce";

// Repeated refusals from one address raise an alert as they are audited (lib/alerts/alert-rules.ts).
export const POST = defineRoute({
  name: "oauth.token",
  access: {
    kind: "public",
    reason: "OAuth2 token endpoint: clients authenticate with their secret",
  },
  handler: async ({ req, ctx, actor }) => {
    const parsed = await readTokenRequest(req);
    const clientId = parsed.ok ? parsed.request.clientId : parsed.clientId;
    const { headers } = await enforceRateLimits(["token"], { ctx, actor, clientId });
    await enforceTokenLockout(clientId, ctx);
    const outcome = await issueAccessToken({ parsed, request: ctx });
    return outcome.ok
      ? json(outcome.body, 200, { ...TOKEN_RESPONSE_HEADERS, ...headers })
      : oauthErrorResponse(outcome.error, headers);
  },
});
