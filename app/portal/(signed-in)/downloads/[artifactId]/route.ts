// A download link on the portal's pages. It never expires: the click checks the customer's
// session, tenant and entitlement and only then signs a short-lived URL on the download route
// (lib/downloads), so a page left open for hours still downloads. A refusal in a browser is the
// portal's refusal page (see withRefusalPages); other clients get problem+json.
import { z } from "zod";
import { defineRoute } from "@/lib/http/route";
import { asCustomer } from "@/lib/portal/as-customer";
import { authorizePortalDownload } from "@/lib/portal/authorize-portal-download";
import { withRefusalPages } from "@/lib/portal/refusal-pages";

export const dynamic = "force-dynamic";

export const GET = withRefusalPages(
  defineRoute({
    name: "portal.downloads.start",
    access: { kind: "customer" },
    rateLimit: ["ip"],
    params: z.object({ artifactId: z.string().max(64) }),
    handler: async ({ actor, params }) => {
      const { url } = await authorizePortalDownload(asCustomer(actor), params.artifactId);
      return new Response(null, {
        status: 303,
        headers: { location: url, "cache-control": "no-store" },
      });
    },
  }),
);
