// Update agents: "what should this machine run?" POST a JSON body of installed products and the
// machine; the answer is signed (X-Tollgate-Signature). See docs/update-api.md.
import { defineRoute } from "@/lib/http/route";
import { checkForUpdates } from "@/lib/updates/check-for-updates";
import { signedAnswerResponse } from "@/lib/updates/signed-answer";
import { MAX_UPDATE_BODY_BYTES, updateCheckRequestSchema } from "@/lib/updates/update-check.schema";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  name: "updates.check",
  access: { kind: "client", scope: "update:check" },
  rateLimit: ["ip", "update", "license"],
  body: updateCheckRequestSchema,
  maxBodyBytes: MAX_UPDATE_BODY_BYTES,
  // A refusal is thrown already audited (updates.check_refused, with its reason).
  handler: async ({ actor, body, ctx }) =>
    signedAnswerResponse(await checkForUpdates({ actor, input: body, request: ctx })),
});
