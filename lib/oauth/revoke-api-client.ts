import { parseInput } from "@/lib/authz/operation";
// Revocation is final and immediate: the client and all its secrets are revoked, and because
// authenticateBearer loads the client on every request, tokens it already holds stop working at
// the next request rather than at their expiry.
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { customerScope } from "@/lib/licensing/tenancy";
import { apiClientView, apiClientViewInclude, type ApiClientView } from "./api-client-view";
import { authorizeClientManagement } from "./client-policy";
import { revokeApiClientSchema, type RevokeApiClientInput } from "./revoke-api-client.schema";

export async function revokeApiClient({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: RevokeApiClientInput;
  request?: AuditRequestInfo;
}): Promise<ApiClientView> {
  authorizeClientManagement(actor);
  // The tenant goes into the locking query: another customer's client is not found (a 404).
  const tenant = customerScope(actor).customerId ?? null;
  const { apiClientId, reason } = parseInput(revokeApiClientSchema, input);
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status FROM "ApiClient" WHERE id = ${apiClientId} AND (${tenant}::text IS NULL OR "customerId" = ${tenant}) FOR UPDATE`;
    const status = locked[0]?.status;
    if (!status) throw new AppError("not_found", "The API client does not exist.");
    if (status !== "ACTIVE") throw new AppError("conflict", "The API client is already revoked.");
    const before = apiClientView(
      await tx.apiClient.findUniqueOrThrow({
        where: { id: apiClientId },
        include: apiClientViewInclude,
      }),
    );
    const now = new Date();
    await tx.apiClientSecret.updateMany({
      where: { apiClientId, revokedAt: null },
      data: { revokedAt: now },
    });
    const revoked = await tx.apiClient.update({
      where: { id: apiClientId },
      data: { status: "REVOKED", revokedAt: now },
      include: apiClientViewInclude,
    });
    const client = apiClientView(revoked, now);
    await recordAudit(tx, {
      action: "api_clients.revoked",
      actor,
      request,
      reason,
      target: { type: "api_client", id: apiClientId },
      before,
      after: client,
      metadata: { clientId: client.clientId },
    });
    return client;
  });
}
