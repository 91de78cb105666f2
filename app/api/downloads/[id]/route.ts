// The artifact download behind the `url` of an update answer (agents) or of the customer
// portal's download links. See lib/downloads/serve-download.ts and docs/update-api.md.
import { z } from "zod";
import { defineRoute } from "@/lib/http/route";
import { serveDownload } from "@/lib/downloads/serve-download";
import { withFailureAlarm } from "@/lib/alerts/with-failure-alarm";
import { withRefusalPages } from "@/lib/portal/refusal-pages";

export const dynamic = "force-dynamic";

// A browser (a customer who pasted or reopened a link) gets the portal's refusal page instead of
// problem+json; agents and other API clients are unaffected.
export const GET = withFailureAlarm(
  withRefusalPages(
    defineRoute({
      name: "downloads.get",
      // The signed URL names its principal (client or customer); serveDownload authenticates that
      // principal's own credentials, so one route serves agents and the customer portal.
      access: {
        kind: "public",
        reason: "signed URL; the handler authenticates the principal the URL names",
      },
      rateLimit: ["ip"],
      params: z.object({ id: z.string().max(64) }),
      handler: async ({ req, ctx, params }) => serveDownload({ req, ctx, artifactId: params.id }),
    }),
  ),
);
