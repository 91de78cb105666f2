import { authenticateStaffSession } from "@/lib/identity/authenticate-staff";
import { CEREMONY_ACCESS, ceremonyResponse } from "@/lib/identity/webauthn/ceremony-response";
import { finishAuthentication } from "@/lib/identity/webauthn/finish-authentication";
import {
  asAuthenticationResponse,
  authenticationBodySchema,
} from "@/lib/identity/webauthn/webauthn.schema";
import { defineRoute } from "@/lib/http/route";

export const POST = defineRoute({
  name: "webauthn.authentication",
  access: CEREMONY_ACCESS,
  rateLimit: ["ip"],
  body: authenticationBodySchema,
  handler: async ({ req, ctx, body }) => {
    const staff = await authenticateStaffSession(req.headers, ctx, {
      stepUp: false,
      method: req.method,
      allowPendingMfa: true,
      path: "/api/webauthn/authentication",
    });
    const response = asAuthenticationResponse(body.response);
    return ceremonyResponse(
      await finishAuthentication({ staff, purpose: body.purpose, response, request: ctx }),
      req,
      ctx,
    );
  },
});
