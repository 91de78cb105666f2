// Unique data per test (customers and licenses straight through the database, clients through
// createApiClient) and helpers to call the token endpoint's handler with a real Request.
import { randomBytes, randomInt } from "node:crypto";
import { systemActor, type StaffActor } from "@/lib/authz/actor";
import { ALL_PERMISSIONS, type Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { createApiClient } from "@/lib/oauth/create-api-client";
import type { CreateApiClientInput } from "@/lib/oauth/create-api-client.schema";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";

export const hex = (bytes = 5) => randomBytes(bytes).toString("hex");

export function staff(permissions: readonly Permission[] = ALL_PERMISSIONS): StaffActor {
  const id = hex(6);
  return {
    type: "USER",
    kind: "STAFF",
    userId: `usr_test${id}`,
    email: `staff-${id}@vendor.test`,
    sessionId: null,
    roles: ["test"],
    permissions: new Set(permissions),
    stepUpAt: null,
  };
}

export async function makeLicense() {
  const slug = `oauth-${hex()}`;
  const customer = await db().customer.create({ data: { slug, name: `Customer ${slug}` } });
  const license = await db().license.create({
    data: {
      customerId: customer.id,
      keyHash: `test-${hex(16)}`,
      keyCiphertext: "test",
      keyHint: "TG-TEST",
      expiresAt: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    },
  });
  return { customer, license };
}

export async function makeAgent(
  overrides: Partial<Extract<CreateApiClientInput, { kind: "AGENT" }>> = {},
) {
  const { customer, license } = await makeLicense();
  const created = await createApiClient({
    actor: systemActor("test"),
    input: {
      kind: "AGENT",
      name: `Agent ${hex()}`,
      licenseId: license.id,
      scopes: ["update:check", "update:download"],
      ...overrides,
    },
  });
  return { ...created, customer, license };
}

export async function makePipeline(
  overrides: Partial<Extract<CreateApiClientInput, { kind: "PIPELINE" }>> = {},
) {
  return createApiClient({
    actor: systemActor("test"),
    input: {
      kind: "PIPELINE",
      name: `Pipeline ${hex()}`,
      scopes: ["releases:read", "releases:write"],
      ...overrides,
    },
  });
}

// A fresh /64 per test, so tests never share the per-address token budget. Groups without leading
// zeros, so the address reads back exactly as written (the audit stores the canonical form).
const group = () => (0x1000 + randomInt(0xf000)).toString(16);
export const uniqueIp = () => `2001:db8:${group()}:${group()}::1`;

// Rate limits count in fixed one-minute windows: a test that fills a budget starts early in a
// window so that the window cannot roll over (and reset the count) halfway through.
export async function startOfFreshWindow(neededSeconds = 20): Promise<void> {
  const left = 60 - ((Date.now() / 1000) % 60);
  if (left < neededSeconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 50));
}

export const basic = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;

export interface TokenCall {
  form?: Record<string, string> | string;
  authorization?: string;
  contentType?: string | null;
  ip?: string;
  requestId?: string;
}

export function tokenRequest(call: TokenCall): Request {
  const headers: Record<string, string> = {
    "x-tollgate-peer": call.ip ?? uniqueIp(),
    "x-request-id": call.requestId ?? `req-${hex(8)}`,
    "user-agent": "oauth-tests",
  };
  if (call.contentType !== null)
    headers["content-type"] = call.contentType ?? "application/x-www-form-urlencoded";
  if (call.authorization) headers.authorization = call.authorization;
  const body =
    typeof call.form === "string" ? call.form : new URLSearchParams(call.form ?? {}).toString();
  return new Request("http://localhost/api/oauth/token", { method: "POST", headers, body });
}

export async function callToken(
  call: TokenCall,
): Promise<{ res: Response; body: Record<string, unknown>; requestId: string }> {
  const requestId = call.requestId ?? `req-${hex(8)}`;
  const res = await tokenRoute(tokenRequest({ ...call, requestId }), {
    params: Promise.resolve({}),
  });
  return { res, body: (await res.json()) as Record<string, unknown>, requestId };
}

export async function getToken(clientId: string, secret: string, scope?: string): Promise<string> {
  const { res, body } = await callToken({
    authorization: basic(clientId, secret),
    form: { grant_type: "client_credentials", ...(scope ? { scope } : {}) },
  });
  if (res.status !== 200)
    throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  return String(body.access_token);
}

// Audit rows carry a BigInt sequence number, which JSON.stringify refuses.
export const dump = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
