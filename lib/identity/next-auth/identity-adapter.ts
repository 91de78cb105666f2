// next-auth's database adapter over our Prisma models: only what OAuth sign-in and database
// sessions need. Differences from a stock adapter, all deliberate:
// - a user is created only when this request's signIn callback approved provisioning a staff
//   member; a customer user is never created here;
// - OAuth tokens are not kept (we need the IdP identity, not API access on the user's behalf);
// - the session row stores the token's hash, plus the sign-in's IP, user agent and the ID
//   token's `amr`; its lifetime is never extended (absolute lifetime, see session-policy.ts);
// - during the OAuth callback there is no "current session": next-auth would otherwise link the
//   new IdP account to whoever is already signed in in this browser.
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db/client";
import { sessionLimits } from "../resolve-session";
import { evaluateSessionTimes } from "../session-policy";
import { hashSessionToken } from "../session-token";
import type { SignInAttempt } from "./sign-in-attempt";

const USER_SELECT = { id: true, email: true, name: true } as const;

function toAdapterUser(user: { id: string; email: string; name: string | null }): AdapterUser {
  return { id: user.id, email: user.email, name: user.name, emailVerified: null };
}

export function identityAdapter(attempt: SignInAttempt): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const approved = attempt.approved;
      if (
        !approved?.provision ||
        approved.portal !== "staff" ||
        approved.email !== user.email?.toLowerCase()
      ) {
        throw new Error("refusing to create a user the sign-in policy did not approve");
      }
      const created = await db().user.create({
        data: { email: approved.email, name: user.name ?? null, kind: "STAFF" },
        select: USER_SELECT,
      });
      return toAdapterUser(created);
    },

    async getUser(id) {
      const user = await db().user.findUnique({ where: { id }, select: USER_SELECT });
      return user ? toAdapterUser(user) : null;
    },

    async getUserByEmail(email) {
      const user = await db().user.findUnique({
        where: { email: email.toLowerCase() },
        select: USER_SELECT,
      });
      return user ? toAdapterUser(user) : null;
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db().account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: USER_SELECT } },
      });
      return account ? toAdapterUser(account.user) : null;
    },

    async updateUser(user) {
      const updated = await db().user.update({
        where: { id: user.id },
        data: user.name !== undefined ? { name: user.name } : {},
        select: USER_SELECT,
      });
      return toAdapterUser(updated);
    },

    async linkAccount(account: AdapterAccount) {
      await db().account.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
      });
    },

    async createSession({ sessionToken, userId, expires }) {
      if (!attempt.approved)
        throw new Error("refusing to create a session outside an approved sign-in");
      const ctx = attempt.ctx;
      const created = await db().session.create({
        select: { id: true },
        data: {
          sessionToken: hashSessionToken(sessionToken),
          userId,
          expires,
          ip: ctx.ip,
          userAgent: ctx.userAgent?.slice(0, 512) ?? null,
          idpAmr: attempt.approved.amr,
        },
      });
      attempt.sessionId = created.id;
      return { sessionToken, userId, expires };
    },

    async getSessionAndUser(sessionToken) {
      if (attempt.action === "callback") return null;
      const row = await db().session.findUnique({
        where: { sessionToken: hashSessionToken(sessionToken) },
        select: {
          userId: true,
          expires: true,
          createdAt: true,
          lastSeenAt: true,
          user: { select: { ...USER_SELECT, status: true } },
        },
      });
      if (!row || row.user.status !== "ACTIVE") return null;
      if (!evaluateSessionTimes(row, new Date(), sessionLimits()).valid) return null;
      const session: AdapterSession = { sessionToken, userId: row.userId, expires: row.expires };
      return { session, user: toAdapterUser(row.user) };
    },

    // next-auth would slide the expiry forward; the absolute lifetime forbids that, so the
    // stored expiry is returned unchanged.
    async updateSession({ sessionToken }) {
      const row = await db().session.findUnique({
        where: { sessionToken: hashSessionToken(sessionToken) },
        select: { userId: true, expires: true },
      });
      return row ? { sessionToken, userId: row.userId, expires: row.expires } : null;
    },

    async deleteSession(sessionToken) {
      const hash = hashSessionToken(sessionToken);
      const row = await db().session.findUnique({
        where: { sessionToken: hash },
        select: { userId: true, expires: true },
      });
      await db().session.deleteMany({ where: { sessionToken: hash } });
      return row ? { sessionToken, userId: row.userId, expires: row.expires } : null;
    },
  };
}
