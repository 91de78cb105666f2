import { authenticateStaffSession } from "@/lib/identity/authenticate-staff";
import { CEREMONY_ACCESS, ceremonyResponse } from "@/lib/identity/webauthn/ceremony-response";
import { finishRegistration } from "@/lib/identity/webauthn/finish-registration";
import {
  asRegistrationResponse,
  registrationBodySchema,
} from "@/lib/identity/webauthn/webauthn.schema";
import { defineRoute } from "@/lib/http/route";

export const POST = defineRoute({
  name: "webauthn.registration",
  access: CEREMONY_ACCESS,
  rateLimit: ["ip"],
  body: registrationBodySchema,
  handler: async ({ req, ctx, body }) => {
    const staff = await authenticateStaffSession(req.headers, ctx, {
      stepUp: false,
      method: req.method,
      allowPendingMfa: true,
      path: "/api/webauthn/registration",
    });
    return ceremonyResponse(
      await finishRegistration({
        staff,
        response: asRegistrationResponse(body.response),
        request: ctx,
      }),
      req,
      ctx,
    );
  },
});
