// The client credentials grant (RFC 6749 §4.4): authenticate the client, grant the requested
// scopes if it holds them all (or everything it holds when none are asked for), sign a token.
// Every attempt is audited, the refusals with the reason the client is not told.
import { ANONYMOUS } from "@/lib/authz/actor";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { signAccessToken } from "./access-token";
import { authenticateClient } from "./authenticate-client";
import { alarmOnClientGuessing } from "./client-guessing-alarm";
import { clientActor } from "./client-actor";
import { clientEffectiveScopes } from "./client-scopes";
import { OAuthError } from "./oauth-error";
import type { ParsedTokenRequest } from "./token-request";

export interface TokenResponseBody {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

export type TokenOutcome = { ok: true; body: TokenResponseBody } | { ok: false; error: OAuthError };

const MAX_SCOPE_LENGTH = 1000;
// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

function grantedScopes(
  requested: string | null,
  held: ReadonlySet<Permission>,
): Permission[] | OAuthError {
  if (held.size === 0) {
    return new OAuthError("invalid_scope", "The client holds no scope.", {
      reason: "client holds no effective scope",
    });
  }
  if (requested === null) return [...held];
  const tokens = requested.length <= MAX_SCOPE_LENGTH ? requested.split(" ").filter(Boolean) : null;
  if (!tokens?.length || !tokens.every((t) => SCOPE_TOKEN.test(t))) {
    return new OAuthError("invalid_scope", "The scope parameter is malformed.", {
      reason: "malformed scope",
    });
  }
  const refused = tokens.filter((t) => !held.has(t as Permission));
  if (refused.length) {
    return new OAuthError("invalid_scope", "The requested scope exceeds what the client holds.", {
      reason: `scope not held: ${refused.slice(0, 5).join(" ").slice(0, 200)}`,
    });
  }
  return [...held].filter((p) => tokens.includes(p));
}

async function refuse(
  error: OAuthError,
  details: {
    request: AuditRequestInfo;
    clientId: string | null;
    apiClientId: string | null;
    authMethod: string;
    scope?: string | null;
  },
): Promise<TokenOutcome> {
  await recordAudit(db(), {
    action: "oauth.token_refused",
    actor: ANONYMOUS,
    request: details.request,
    result: "FAILURE",
    reason: error.reason,
    target: { type: "api_client", id: details.apiClientId },
    metadata: {
      error: error.error,
      status: error.status,
      clientId: details.clientId,
      authMethod: details.authMethod,
      ...(details.scope ? { requestedScope: details.scope.slice(0, 200) } : {}),
    },
  });
  return { ok: false, error };
}

// The alarm never changes the answer; a failing check is an operational alarm of its own.
async function alarmGuessing(
  client: { apiClientId: string; clientId: string },
  request: AuditRequestInfo,
): Promise<void> {
  try {
    await alarmOnClientGuessing(client);
  } catch (error) {
    log.error(
      { err: error, clientId: client.clientId, requestId: request.requestId },
      "client guessing alarm failed",
    );
  }
}

export async function issueAccessToken({
  parsed,
  request,
}: {
  parsed: ParsedTokenRequest;
  request: AuditRequestInfo;
}): Promise<TokenOutcome> {
  if (!parsed.ok) {
    return refuse(parsed.error, {
      request,
      clientId: parsed.clientId,
      apiClientId: null,
      authMethod: parsed.authMethod,
    });
  }
  const { clientId, clientSecret, scope, authMethod } = parsed.request;
  const base = { request, clientId, authMethod, scope };
  const now = new Date();
  const auth = await authenticateClient({ clientId, clientSecret }, now);
  if (!auth.ok) {
    const error = new OAuthError("invalid_client", "Client authentication failed.", {
      reason: auth.reason,
    });
    const outcome = await refuse(error, { ...base, apiClientId: auth.apiClientId });
    if (auth.apiClientId) await alarmGuessing({ apiClientId: auth.apiClientId, clientId }, request);
    return outcome;
  }
  const { client } = auth;
  const scopes = grantedScopes(scope, clientEffectiveScopes(client));
  if (scopes instanceof OAuthError) return refuse(scopes, { ...base, apiClientId: client.id });

  const signed = await signAccessToken({
    clientId: client.clientId,
    apiClientId: client.id,
    scopes,
    now,
  });
  await db().$transaction(async (tx) => {
    await tx.apiClientSecret.update({ where: { id: auth.secretId }, data: { lastUsedAt: now } });
    await tx.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: now } });
    await recordAudit(tx, {
      action: "oauth.token_issued",
      actor: clientActor(client, scopes),
      request,
      target: { type: "api_client", id: client.id },
      metadata: {
        clientId: client.clientId,
        authMethod,
        scope: scopes.join(" "),
        jti: signed.jti,
        expiresAt: signed.expiresAt,
        secretId: auth.secretId,
      },
    });
  });
  return {
    ok: true,
    body: {
      access_token: signed.token,
      token_type: "Bearer",
      expires_in: signed.expiresIn,
      scope: scopes.join(" "),
    },
  };
}
