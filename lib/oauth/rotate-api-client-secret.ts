import { parseInput } from "@/lib/authz/operation";
// A new secret for a client. The previous live secrets keep working until the overlap ends (an
// earlier expiry, set by a previous rotation, is kept), so a fleet of agents can be moved to the
// new secret without an outage; an overlap of 0 ends them now.
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { customerScope } from "@/lib/licensing/tenancy";
import { apiClientView, apiClientViewInclude, type ApiClientView } from "./api-client-view";
import { authorizeClientManagement } from "./client-policy";
import { generateClientSecret, hashClientSecret, secretHint } from "./client-secret";
import {
  rotateApiClientSecretSchema,
  type RotateApiClientSecretInput,
} from "./rotate-api-client-secret.schema";

export interface RotatedApiClientSecret {
  client: ApiClientView;
  secret: string;
  // When the previous secrets stop working.
  previousSecretsExpireAt: Date;
}

export async function rotateApiClientSecret({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: RotateApiClientSecretInput;
  request?: AuditRequestInfo;
}): Promise<RotatedApiClientSecret> {
  authorizeClientManagement(actor);
  // The tenant goes into the locking query: another customer's client is not found (a 404).
  const tenant = customerScope(actor).customerId ?? null;
  const { apiClientId, overlapSeconds } = parseInput(rotateApiClientSecretSchema, input);
  const secret = generateClientSecret();
  const secretHash = await hashClientSecret(secret);

  return db().$transaction(async (tx) => {
    // Row lock: two rotations at once must not both leave their old secrets unbounded.
    const locked = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status FROM "ApiClient" WHERE id = ${apiClientId} AND (${tenant}::text IS NULL OR "customerId" = ${tenant}) FOR UPDATE`;
    const status = locked[0]?.status;
    if (!status) throw new AppError("not_found", "The API client does not exist.");
    if (status !== "ACTIVE")
      throw new AppError("conflict", "The API client is revoked; create a new one instead.");
    const before = apiClientView(
      await tx.apiClient.findUniqueOrThrow({
        where: { id: apiClientId },
        include: apiClientViewInclude,
      }),
    );

    const now = new Date();
    const previousSecretsExpireAt = new Date(now.getTime() + overlapSeconds * 1000);
    const live = { apiClientId, revokedAt: null };
    await tx.apiClientSecret.updateMany({
      where: { ...live, OR: [{ expiresAt: null }, { expiresAt: { gt: previousSecretsExpireAt } }] },
      data: { expiresAt: previousSecretsExpireAt },
    });
    await tx.apiClientSecret.create({
      data: { apiClientId, secretHash, hint: secretHint(secret) },
    });
    const client = apiClientView(
      await tx.apiClient.findUniqueOrThrow({
        where: { id: apiClientId },
        include: apiClientViewInclude,
      }),
      now,
    );
    await recordAudit(tx, {
      action: "api_clients.secret_rotated",
      actor,
      request,
      target: { type: "api_client", id: apiClientId },
      before,
      after: client,
      metadata: { clientId: client.clientId, overlapSeconds, previousSecretsExpireAt },
    });
    return { client, secret, previousSecretsExpireAt };
  });
}
