// The route handler behind /api/auth/* (next-auth v4 on the App Router). It gives next-auth a
// configuration bound to this request, then audits what next-auth could only log: an error from
// the identity provider or a failed callback (bad state, nonce or code) is a failed sign-in.
import type { NextRequest } from "next/server";
import NextAuth from "next-auth/next";
import { env } from "@/lib/env";
import { requestContext } from "@/lib/http/request-context";
import { recordAuthFailure } from "../record-auth-event";
import { readSessionToken } from "../session-cookie";
import { buildAuthOptions } from "./auth-options";
import { newSignInAttempt, type SignInAttempt } from "./sign-in-attempt";

type Segment = { params: Promise<{ nextauth: string[] }> };

async function auditFailedAttempt(attempt: SignInAttempt): Promise<void> {
  if (attempt.action !== "signin" && attempt.action !== "callback") return;
  if (attempt.errors.length === 0) return;
  const messages = [...new Set(attempt.errors.map((e) => e.message))];
  await recordAuthFailure({
    action: "auth.sign_in_failed",
    request: attempt.ctx,
    reason: `identity provider error: ${messages.join("; ")}`,
    account: attempt.approved?.email ?? null,
    target: { type: "provider", id: attempt.providerId },
    metadata: {
      provider: attempt.providerId,
      stage: attempt.action,
      codes: attempt.errors.map((e) => e.code),
    },
  });
}

export async function handleAuthRequest(req: NextRequest, segment: Segment): Promise<Response> {
  // next-auth derives its own URLs from NEXTAUTH_URL; APP_URL is ours, so one variable suffices.
  process.env.NEXTAUTH_URL ??= env().APP_URL;
  const ctx = requestContext(req.headers);
  const { nextauth = [] } = await segment.params;
  const attempt = newSignInAttempt({
    ctx,
    action: nextauth[0] ?? null,
    providerId: nextauth[1] ?? null,
    previousSessionToken: readSessionToken(req.headers),
  });
  const response = (await NextAuth(req, segment, buildAuthOptions(attempt))) as Response;
  await auditFailedAttempt(attempt);
  response.headers.set("x-request-id", ctx.requestId);
  response.headers.set("cache-control", "no-store");
  return response;
}
