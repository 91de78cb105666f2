import { parseInput } from "@/lib/authz/operation";
// Creates an update agent or build pipeline client and its first secret. The secret is returned
// here once and never again: only its scrypt hash and a hint are stored.
import { randomBytes } from "node:crypto";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { apiClientView, apiClientViewInclude, type ApiClientView } from "./api-client-view";
import { customerScope } from "@/lib/licensing/tenancy";
import { assertMayGrantClientScopes, authorizeClientManagement } from "./client-policy";
import { generateClientSecret, hashClientSecret, secretHint } from "./client-secret";
import { createApiClientSchema, type CreateApiClientInput } from "./create-api-client.schema";

export interface CreatedApiClient {
  client: ApiClientView;
  // Shown to the caller once; not recoverable afterwards (rotate to get a new one).
  secret: string;
}

export function generateClientId(): string {
  return `tgc_${randomBytes(12).toString("base64url")}`;
}

export async function createApiClient({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: CreateApiClientInput;
  request?: AuditRequestInfo;
}): Promise<CreatedApiClient> {
  authorizeClientManagement(actor);
  const data = parseInput(createApiClientSchema, input);
  // Fixed credentials exist for the dev seed's demo clients only: a person choosing a secret
  // would choose a weak one, and production must never hold the published demo secrets.
  if (
    (data.clientId !== undefined || data.secret !== undefined) &&
    (actor.type !== "SYSTEM" || env().isProduction)
  ) {
    throw new AppError(
      "forbidden",
      "A client id or secret can only be chosen by the development seed.",
    );
  }
  assertMayGrantClientScopes(actor, { kind: data.kind, scopes: data.scopes });
  if (data.boundaryId !== undefined && actor.type === "USER" && actor.kind === "CUSTOMER") {
    throw new AppError("forbidden", "Permission boundaries are set by vendor staff.");
  }

  const secret = data.secret ?? generateClientSecret();
  // Hashed before the transaction: the CPU-bound work should not hold a database connection.
  const secretHash = await hashClientSecret(secret);

  return db().$transaction(async (tx) => {
    let owner: { customerId: string | null; licenseId: string | null } = {
      customerId: null,
      licenseId: null,
    };
    if (data.kind === "AGENT") {
      // A customer's administrator finds only their own customer's licenses (a 404 otherwise).
      const license = await tx.license.findFirst({
        where: { id: data.licenseId, ...customerScope(actor) },
        select: { id: true, customerId: true },
      });
      if (!license) throw new AppError("not_found", "The license does not exist.");
      if (data.customerId !== undefined && data.customerId !== license.customerId) {
        throw new AppError("validation_failed", "The license belongs to another customer.", {
          errors: [{ path: "customerId", message: "is not the customer of this license" }],
        });
      }
      owner = { customerId: license.customerId, licenseId: license.id };
    }
    if (data.boundaryId !== undefined) {
      const boundary = await tx.permissionBoundary.findUnique({
        where: { id: data.boundaryId },
        select: { id: true },
      });
      if (!boundary) throw new AppError("not_found", "The permission boundary does not exist.");
    }
    const created = await tx.apiClient.create({
      data: {
        clientId: data.clientId ?? generateClientId(),
        name: data.name,
        kind: data.kind,
        scopes: [...data.scopes],
        ...owner,
        boundaryId: data.boundaryId ?? null,
        createdById: actor.type === "USER" ? actor.userId : null,
        secrets: { create: { secretHash, hint: secretHint(secret) } },
      },
      include: apiClientViewInclude,
    });
    const client = apiClientView(created);
    await recordAudit(tx, {
      action: "api_clients.created",
      actor,
      request,
      target: { type: "api_client", id: client.id },
      after: client,
      metadata: {
        clientId: client.clientId,
        kind: client.kind,
        fixedCredentials: data.secret !== undefined,
      },
    });
    return { client, secret };
  });
}
