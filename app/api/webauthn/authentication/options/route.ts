import { authenticateStaffSession } from "@/lib/identity/authenticate-staff";
import { CEREMONY_ACCESS, ceremonyResponse } from "@/lib/identity/webauthn/ceremony-response";
import { startAuthentication } from "@/lib/identity/webauthn/start-authentication";
import { authenticationOptionsBodySchema } from "@/lib/identity/webauthn/webauthn.schema";
import { defineRoute } from "@/lib/http/route";

export const POST = defineRoute({
  name: "webauthn.authentication_options",
  access: CEREMONY_ACCESS,
  rateLimit: ["ip"],
  body: authenticationOptionsBodySchema,
  handler: async ({ req, ctx, body }) => {
    const staff = await authenticateStaffSession(req.headers, ctx, {
      stepUp: false,
      method: req.method,
      allowPendingMfa: true,
      path: "/api/webauthn/authentication/options",
    });
    return ceremonyResponse(await startAuthentication({ staff, purpose: body.purpose }), req, ctx);
  },
});
