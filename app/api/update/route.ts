// Update agents: "what should this machine run?" POST a JSON body of installed products and the
// machine; the answer is signed (X-Tollgate-Signature). See docs/update-api.md.
import { problemResponse } from "@/lib/http/problem";
import { defineRoute } from "@/lib/http/route";
import { checkForUpdates } from "@/lib/updates/check-for-updates";
import { signedAnswerResponse } from "@/lib/updates/signed-answer";
import { MAX_UPDATE_BODY_BYTES, updateCheckRequestSchema } from "@/lib/updates/update-check.schema";
import { withFailureAlarm } from "@/lib/updates/with-failure-alarm";

export const dynamic = "force-dynamic";

export const POST = withFailureAlarm(
  defineRoute({
    name: "updates.check",
    access: { kind: "client", scope: "update:check" },
    rateLimit: ["ip", "update", "license"],
    body: updateCheckRequestSchema,
    maxBodyBytes: MAX_UPDATE_BODY_BYTES,
    handler: async ({ req, actor, body, ctx }) => {
      const outcome = await checkForUpdates({
        actor: actor,
        input: body,
        request: ctx,
      });
      // A refusal is already audited as updates.check_refused; answering it here (rather than
      // throwing) keeps the guard chain from auditing it a second time.
      if (!outcome.ok)
        return problemResponse(outcome.error, ctx.requestId, new URL(req.url).pathname);
      return signedAnswerResponse(outcome.answer);
    },
  }),
);
