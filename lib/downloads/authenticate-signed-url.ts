// The guard chain's authenticate step for `{ kind: "signed-url" }`: the URL's signature and
// expiry, then the credentials of the principal it names (the agent's bearer token with
// update:download, a portal session of that customer, or a staff session from the staff network
// with its second factor and artifacts:read), then that this is the very principal
// the URL was issued to. A leaked URL is useless to anyone else. Each refusal is audited as
// downloads.refused with its reason.
import { ANONYMOUS, type Actor } from "@/lib/authz/actor";
import { requirePermission } from "@/lib/authz/require-permission";
import { authenticateCustomer } from "@/lib/identity/authenticate-customer";
import { authenticateStaff } from "@/lib/identity/authenticate-staff";
import { toAppError } from "@/lib/http/error-mapper";
import type { RequestContext } from "@/lib/http/request-context";
import { authenticateBearer } from "@/lib/oauth/authenticate-bearer";
import { auditedDownloadRefusal, downloadError } from "./download-refusal";
import { verifyDownloadUrl, type DownloadPrincipal } from "./download-url";

// The artifact id is the last path segment: /api/downloads/<id>.
function artifactIdOf(url: URL): string {
  const segment = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function credentialsOf(
  principal: DownloadPrincipal,
  headers: Headers,
  ctx: RequestContext,
  method: string,
): Promise<Actor> {
  if (principal.kind === "client") {
    const actor = await authenticateBearer(headers, ctx);
    requirePermission(actor, "update:download");
    return actor;
  }
  if (principal.kind === "staff") {
    // The staff network allowlist, SSO + MFA: the same as any staff request (downloads are not
    // staff surface in proxy.ts, so the session check applies the allowlist itself).
    const actor = await authenticateStaff(headers, ctx, {
      stepUp: false,
      method,
      path: "/api/downloads",
    });
    requirePermission(actor, "artifacts:read");
    return actor;
  }
  return authenticateCustomer(headers, ctx, { method });
}

function assertIssuedTo(actor: Actor, principal: DownloadPrincipal): void {
  if (
    principal.kind === "client" &&
    !("apiClientId" in actor && actor.apiClientId === principal.id)
  ) {
    throw downloadError(
      "wrong_client",
      "forbidden",
      "This download URL was issued to another client.",
    );
  }
  if (
    principal.kind === "customer" &&
    !(actor.type === "USER" && actor.kind === "CUSTOMER" && actor.customerId === principal.id)
  ) {
    throw downloadError(
      "wrong_customer",
      "forbidden",
      "This download URL was issued to another customer.",
    );
  }
  if (
    principal.kind === "staff" &&
    !(actor.type === "USER" && actor.kind === "STAFF" && actor.userId === principal.id)
  ) {
    throw downloadError("wrong_user", "forbidden", "This download URL was issued to someone else.");
  }
}

export async function authenticateSignedUrl(
  url: URL,
  headers: Headers,
  ctx: RequestContext,
  method: string,
): Promise<Actor> {
  const artifactId = artifactIdOf(url);
  let actor: Actor = ANONYMOUS;
  let principal: DownloadPrincipal | null = null;
  try {
    const verdict = verifyDownloadUrl(artifactId, url.searchParams);
    if (!verdict.ok) {
      throw downloadError(
        verdict.reason,
        verdict.reason === "malformed_url" ? "bad_request" : "forbidden",
        verdict.reason === "url_expired"
          ? "The download URL has expired; check for updates again for a fresh one."
          : "The download URL is not valid.",
      );
    }
    principal = verdict.principal;
    actor = await credentialsOf(principal, headers, ctx, method);
    assertIssuedTo(actor, principal);
    return actor;
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.status >= 500) throw thrown;
    throw await auditedDownloadRefusal({ actor, ctx, artifactId, principal }, error);
  }
}
