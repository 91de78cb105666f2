import { authenticateStaffSession } from "@/lib/identity/authenticate-staff";
import { CEREMONY_ACCESS, ceremonyResponse } from "@/lib/identity/webauthn/ceremony-response";
import { startRegistration } from "@/lib/identity/webauthn/start-registration";
import { defineRoute } from "@/lib/http/route";

export const POST = defineRoute({
  name: "webauthn.registration_options",
  access: CEREMONY_ACCESS,
  rateLimit: ["ip"],
  handler: async ({ req, ctx }) => {
    const staff = await authenticateStaffSession(req.headers, ctx, {
      stepUp: false,
      method: req.method,
      allowPendingMfa: true,
      path: "/api/webauthn/registration/options",
    });
    return ceremonyResponse(await startRegistration({ staff }), req, ctx);
  },
});
