import { env } from "@/lib/env";
import type { IdpMfaPolicy } from "./mfa-policy";

export function idpMfaPolicy(): IdpMfaPolicy {
  const e = env();
  return { trust: e.TRUST_IDP_MFA, accepted: e.IDP_MFA_AMR };
}
