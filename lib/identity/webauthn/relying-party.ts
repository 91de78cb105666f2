// The WebAuthn relying party is the portal's own origin: credentials are scoped to APP_URL's host,
// and an assertion made on any other origin (a phishing look-alike) does not verify.
import { env } from "@/lib/env";

export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export function relyingParty(): RelyingParty {
  const url = new URL(env().APP_URL);
  return { id: url.hostname, name: "Tollgate", origin: url.origin };
}

// Challenges are bound to one session and one purpose, live five minutes and are used once.
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export type CeremonyPurpose = "register" | "mfa" | "step-up";
