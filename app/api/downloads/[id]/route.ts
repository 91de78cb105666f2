// The artifact download behind the `url` of an update answer (agents) or of the customer
// portal's download links: the signed URL and its principal's credentials (the guard chain's
// signed-url step), the domain's authorization (release still published, license still
// entitling), then the bytes. HEAD answers the headers only. See docs/update-api.md.
import { z } from "zod";
import { authorizeDownload } from "@/lib/downloads/authorize-download";
import { deliverDownload } from "@/lib/downloads/deliver-download";
import { defineRoute } from "@/lib/http/route";
import { withRefusalPages } from "@/lib/portal/refusal-pages";

export const dynamic = "force-dynamic";

const download = (name: string) =>
  // A browser (a customer who pasted or reopened a link) gets the portal's refusal page instead
  // of problem+json; agents and other API clients are unaffected.
  withRefusalPages(
    defineRoute({
      name,
      access: { kind: "signed-url" },
      // The license counter applies to agents only (a portal user has no license of its own).
      rateLimit: ["ip", "update", "license"],
      params: z.object({ id: z.string().max(64) }),
      handler: async ({ req, ctx, actor, params }) => {
        const artifact = await authorizeDownload({ actor, artifactId: params.id, request: ctx });
        return deliverDownload({ req, ctx, actor, artifact });
      },
    }),
  );

export const GET = download("downloads.get");
// Declared, so that Next does not answer HEAD by running GET and dropping a body it opened.
export const HEAD = download("downloads.head");
