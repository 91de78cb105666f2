// oidc-provider configuration for the dev IdP: code flow with PKCE, the demo directory as the
// account store, amr/acr/email/name/groups in the ID token, and no consent screen.
import { randomBytes } from "node:crypto";
import { interactionPolicy, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { findDirectoryUserBySubject } from "./directory";
import { renderErrorPage } from "./login-page";
import type { SigningJwks } from "./signing-keys";

export type DevIdpClient = { clientId: string; clientSecret: string; redirectUris: string[] };

async function findAccount(_ctx: KoaContextWithOIDC, sub: string) {
  const user = findDirectoryUserBySubject(sub);
  if (!user) return undefined;
  return {
    accountId: sub,
    claims: () => ({
      sub,
      email: user.email,
      email_verified: true,
      name: user.name,
      groups: user.groups,
    }),
  };
}

// The portal is the IdP's only (first-party) client, so there is nothing to consent to: whatever
// it asks for is granted, on the session's existing grant if there is one.
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  if (!oidc.client || !oidc.account) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
  const grant =
    (grantId ? await oidc.provider.Grant.find(grantId) : undefined) ??
    new oidc.provider.Grant({ accountId: oidc.account.accountId, clientId: oidc.client.clientId });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(" "));
  grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

// Always show the login form, even with a live IdP session: developers and tests switch between
// demo users and amr settings all the time, and a silent re-login would hide the choice.
function loginPolicy() {
  const policy = interactionPolicy.base();
  policy
    .get("login")
    ?.checks.push(
      new interactionPolicy.Check(
        "dev_always_login",
        "the dev IdP asks for every sign-in",
        (ctx) => !ctx.oidc.result || !("login" in ctx.oidc.result),
      ),
    );
  return policy;
}

export function providerConfiguration(clients: DevIdpClient[], jwks: SigningJwks): Configuration {
  return {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    jwks,
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    scopes: ["openid", "email", "profile", "groups"],
    claims: {
      openid: ["sub", "acr", "amr", "auth_time"],
      email: ["email", "email_verified"],
      // groups rides along with profile too, so a client that asks only for the standard scopes
      // still gets what the app's group allowlist reads.
      profile: ["name", "groups"],
      groups: ["groups"],
    },
    acrValues: ["1", "phrh"],
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
      policy: loginPolicy(),
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 1800,
      Session: 86400,
      Grant: 86400,
    },
    findAccount,
    loadExistingGrant,
    clientBasedCORS: () => false,
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderErrorPage(`${out.error ?? "error"}: ${out.error_description ?? ""}`);
    },
  };
}
