// The Download button of a staff release page: the staff guard (network allowlist, SSO + MFA,
// artifacts:read), then a short-lived download URL signed for this staff user (303). The
// download route checks the same session again and serves and audits the bytes.
import { z } from "zod";
import { signStaffDownload } from "@/lib/downloads/sign-staff-download";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  name: "admin.artifacts.download",
  access: { kind: "staff", permission: "artifacts:read" },
  rateLimit: ["ip"],
  params: z.object({ id: z.string().max(64) }),
  handler: async ({ actor, params }) => {
    const { url } = await signStaffDownload(actor, params.id);
    return new Response(null, {
      status: 303,
      headers: { location: url, "cache-control": "no-store" },
    });
  },
});
