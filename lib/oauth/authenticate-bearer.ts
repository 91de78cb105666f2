// Step one of the guard chain for client routes (RFC 6750): a valid access token, and behind it
// a client that is still active. The client is loaded on every request, so a revocation or a
// scope taken away applies at the next request, not when the token expires: the actor holds the
// token's scopes intersected with what the client holds now.
import type { ClientActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { RequestContext } from "@/lib/http/request-context";
import { verifyAccessToken, type AccessTokenClaims } from "./access-token";
import { clientActor } from "./client-actor";
import { clientEffectiveScopes, type ApiClientKindName } from "./client-scopes";

// lastUsedAt is for people ("is this agent still alive?"): minute precision saves a write per request.
const LAST_USED_PRECISION_MS = 60_000;

const REALM = 'Bearer realm="tollgate"';

// The description is what the client reads (and what the refusal audit records); the problem
// document carries nothing else about the token.
function invalidToken(description: string): AppError {
  return new AppError("unauthenticated", description, {
    headers: {
      "www-authenticate": `${REALM}, error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
    },
  });
}

function bearerToken(headers: Headers): string {
  const authorization = headers.get("authorization");
  // RFC 6750 §3.1: a request without credentials gets a challenge without an error code.
  if (!authorization) {
    throw new AppError("unauthenticated", "A bearer token is required.", {
      headers: { "www-authenticate": REALM },
    });
  }
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  if (!match?.[1]) throw invalidToken("The Authorization header is not a bearer token.");
  return match[1];
}

interface ClientRow {
  id: string;
  clientId: string;
  kind: ApiClientKindName;
  status: "ACTIVE" | "REVOKED";
  scopes: string[];
  boundaryId: string | null;
  boundaryPermissions: string[] | null;
  customerId: string | null;
  licenseId: string | null;
}

// The client and its boundary in one round trip, refreshing lastUsedAt in the same statement
// when it is older than the precision (conditional, so concurrent requests write once).
async function loadTouchingLastUse(id: string, now: Date) {
  const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  const rows = await db().$queryRaw<ClientRow[]>`
    WITH touched AS (
      UPDATE "ApiClient" SET "lastUsedAt" = ${now}
      WHERE "id" = ${id} AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${stale})
      RETURNING "id"
    )
    SELECT c."id", c."clientId", c."kind"::text AS "kind", c."status"::text AS "status",
           c."scopes", c."boundaryId", b."permissions" AS "boundaryPermissions",
           c."customerId", c."licenseId"
    FROM "ApiClient" c LEFT JOIN "PermissionBoundary" b ON b."id" = c."boundaryId"
    WHERE c."id" = ${id}`;
  const row = rows[0];
  if (!row) return null;
  const { boundaryPermissions, ...client } = row;
  return { ...client, boundary: boundaryPermissions ? { permissions: boundaryPermissions } : null };
}

export async function authenticateBearer(
  headers: Headers,
  ctx: RequestContext,
): Promise<ClientActor> {
  const token = bearerToken(headers);
  let claims: AccessTokenClaims;
  try {
    claims = await verifyAccessToken(token);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "invalid";
    ctx.log.info({ code }, "bearer token rejected");
    const expired = code === "ERR_JWT_EXPIRED";
    throw invalidToken(
      expired ? "The access token has expired." : "The access token is not valid.",
    );
  }
  const client = await loadTouchingLastUse(claims.cid, new Date());
  if (!client || client.clientId !== claims.sub)
    throw invalidToken("The access token is not valid.");
  if (client.status !== "ACTIVE") throw invalidToken("The client has been revoked.");

  const held = clientEffectiveScopes(client);
  const permissions = claims.scope
    .split(" ")
    .filter((s): s is Permission => held.has(s as Permission));
  return clientActor(client, permissions);
}
