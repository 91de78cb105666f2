// The two OpenID Connect providers: vendor staff and customer staff, from the environment (they
// may be the same issuer and client). Authorization code flow with PKCE, state and nonce; the
// ID token's claims are the profile. There is no credentials provider anywhere in Tollgate.
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env } from "@/lib/env";
import type { Portal } from "../sign-in-policy";

export const STAFF_PROVIDER_ID = "staff-oidc";
export const CUSTOMER_PROVIDER_ID = "customer-oidc";

export interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: unknown;
  amr?: unknown;
  [claim: string]: unknown;
}

export function portalOfProvider(providerId: string | null | undefined): Portal | null {
  if (providerId === STAFF_PROVIDER_ID) return "staff";
  if (providerId === CUSTOMER_PROVIDER_ID) return "customer";
  return null;
}

export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

function oidcProvider(
  id: string,
  name: string,
  issuer: string,
  clientId: string,
  clientSecret: string,
): OAuthConfig<OidcClaims> {
  return {
    id,
    name,
    type: "oauth",
    wellKnown: `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // Existing users are matched by the IdP's email (the seed and invitations create them
    // before their first sign-in). Safe here: the IdP is the organisation's directory, the
    // email must be verified, and the signIn callback decides who may sign in at all.
    allowDangerousEmailAccountLinking: true,
    profile(claims) {
      return {
        id: claims.sub,
        email: typeof claims.email === "string" ? claims.email.toLowerCase() : null,
        name: claims.name ?? null,
      };
    },
  };
}

export function oidcProviders(): OAuthConfig<OidcClaims>[] {
  const e = env();
  return [
    oidcProvider(
      STAFF_PROVIDER_ID,
      "Vendor SSO",
      e.OIDC_ISSUER,
      e.OIDC_CLIENT_ID,
      e.OIDC_CLIENT_SECRET,
    ),
    oidcProvider(
      CUSTOMER_PROVIDER_ID,
      "Customer SSO",
      e.customerOidc.issuer,
      e.customerOidc.clientId,
      e.customerOidc.clientSecret,
    ),
  ];
}
