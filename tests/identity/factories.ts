// Unique users, sessions and request contexts for the identity tests (files run in parallel).
import { randomBytes, randomUUID } from "node:crypto";
import type { Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { requestContext, type RequestContext } from "@/lib/http/request-context";
import { hashSessionToken, newSessionToken } from "@/lib/identity/session-token";

export const uid = () => randomBytes(6).toString("hex");

// A loopback address nobody else uses: inside the default staff allowlist (127.0.0.0/8), and
// distinct per test so address-based lockout counts never mix.
export function uniqueLoopbackIp(): string {
  const b = randomBytes(3);
  return `127.${b[0]}.${b[1]}.${Math.max(1, b[2] ?? 1)}`;
}

export function ctxFor(
  ip: string = uniqueLoopbackIp(),
  extra: Record<string, string> = {},
): RequestContext {
  return requestContext(
    new Headers({
      "x-tollgate-peer": ip,
      "user-agent": "vitest-identity",
      "x-request-id": `req-${randomUUID()}`,
      ...extra,
    }),
  );
}

export async function createStaffUser(
  input: { permissions?: Permission[]; email?: string; status?: "ACTIVE" | "SUSPENDED" } = {},
) {
  const user = await db().user.create({
    data: {
      email: input.email ?? `staff-${uid()}@vendor.test`,
      name: "Test Staff",
      kind: "STAFF",
      status: input.status ?? "ACTIVE",
    },
  });
  if (input.permissions?.length) {
    const role = await db().role.create({
      data: { key: `test_${uid()}`, name: "Test role", permissions: input.permissions },
    });
    await db().roleAssignment.create({ data: { userId: user.id, roleId: role.id } });
  }
  return user;
}

export async function createCustomerUser(input: { member?: boolean; email?: string } = {}) {
  const user = await db().user.create({
    data: { email: input.email ?? `ops-${uid()}@customer.test`, kind: "CUSTOMER" },
  });
  if (input.member ?? true) {
    const customer = await db().customer.create({
      data: { slug: `c-${uid()}`, name: "Test Customer" },
    });
    await db().customerMembership.create({
      data: { userId: user.id, customerId: customer.id, role: "ADMIN" },
    });
  }
  return user;
}

export async function createSession(
  userId: string,
  fields: {
    createdAt?: Date;
    lastSeenAt?: Date;
    expires?: Date;
    idpAmr?: string[];
    mfaVerifiedAt?: Date | null;
    stepUpAt?: Date | null;
  } = {},
) {
  const token = newSessionToken();
  const now = new Date();
  const session = await db().session.create({
    data: {
      sessionToken: hashSessionToken(token),
      userId,
      createdAt: fields.createdAt ?? now,
      lastSeenAt: fields.lastSeenAt ?? now,
      expires: fields.expires ?? new Date(now.getTime() + 3600_000),
      idpAmr: fields.idpAmr ?? ["pwd"],
      mfaVerifiedAt: fields.mfaVerifiedAt === undefined ? now : fields.mfaVerifiedAt,
      stepUpAt: fields.stepUpAt ?? null,
    },
  });
  return { token, session };
}

export function cookieHeaders(token: string, extra: Record<string, string> = {}): Headers {
  return new Headers({ cookie: `tollgate.session=${token}`, ...extra });
}
