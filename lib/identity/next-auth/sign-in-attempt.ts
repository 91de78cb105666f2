// One next-auth request's state. next-auth v4 hands its callbacks, events and adapter no request
// object, so we build those per request (see auth-options.ts) around this record: what the
// request is, who it comes from, and what the signIn callback approved.
import type { RequestContext } from "@/lib/http/request-context";
import type { Portal } from "../sign-in-policy";

export interface ApprovedSignIn {
  portal: Portal;
  provider: string;
  email: string;
  // Create a STAFF user for this IdP identity (allowlisted, first sign-in).
  provision: boolean;
  amr: string[];
}

export interface SignInAttempt {
  ctx: RequestContext;
  // next-auth's action (signin, callback, session, signout, providers, csrf, error) and provider.
  action: string | null;
  providerId: string | null;
  // The session cookie the browser sent, if any: replaced (and deleted) by a new sign-in.
  previousSessionToken: string | null;
  approved: ApprovedSignIn | null;
  // The session the adapter created for this sign-in.
  sessionId: string | null;
  // Errors next-auth reported through its logger during this request.
  errors: { code: string; message: string }[];
}

export function newSignInAttempt(
  input: Pick<SignInAttempt, "ctx" | "action" | "providerId" | "previousSessionToken">,
): SignInAttempt {
  return { ...input, approved: null, sessionId: null, errors: [] };
}
