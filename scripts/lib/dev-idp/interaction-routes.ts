// The dev IdP's own interaction endpoints: the login form (GET), its submission (POST .../login)
// and "Cancel" (POST .../abort, which returns access_denied to the client so the app's "IdP error"
// path can be exercised). Consent never needs a screen: see loadExistingGrant in provider-config.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { InteractionDetails, Provider } from "oidc-provider";
import { DEMO_PASSWORD, demoSubject } from "../demo-users";
import { findDirectoryUserByEmail } from "./directory";
import { renderErrorPage, renderLoginPage } from "./login-page";
import { findMfaOption } from "./mfa-options";

export type InteractionAction = "show" | "login" | "abort";

const MAX_FORM_BYTES = 8 * 1024;

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  // No form-action: the submission redirects on to the client's origin, which it would block.
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function sendPage(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, PAGE_HEADERS);
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

// A different user than the IdP session's: drop that session first, or oidc-provider would stop
// at a "log out of the other account?" page instead of returning to the client.
async function forgetOtherAccount(
  provider: Provider,
  details: InteractionDetails,
  accountId: string,
) {
  const previous = details.session;
  if (!previous || previous.accountId === accountId) return;
  details.session = undefined;
  await details.save(details.exp - Math.floor(Date.now() / 1000));
  const stale = previous.cookie ? await provider.Session.find(previous.cookie) : undefined;
  await stale?.destroy();
}

export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  action: InteractionAction,
  log: (line: string) => void,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid)
    return sendPage(res, 400, renderErrorPage("This sign-in page has expired."));
  const clientId = details.params.client_id ?? "";

  if (action === "show") {
    if (details.prompt.name === "consent")
      return grantConsent(provider, req, res, details, clientId);
    return sendPage(res, 200, renderLoginPage({ uid, clientId, email: details.params.login_hint }));
  }
  if (req.method !== "POST") return sendPage(res, 405, renderErrorPage("Method not allowed."));
  if (action === "abort") {
    log(`dev-idp: sign-in cancelled (client ${clientId})`);
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "End-User cancelled the sign-in" },
      { mergeWithLastSubmission: false },
    );
  }

  const form = await readForm(req);
  const email = form.get("email")?.trim().toLowerCase() ?? "";
  const user = findDirectoryUserByEmail(email);
  const mfa = findMfaOption(form.get("mfa") ?? undefined);
  const retry = (error: string) =>
    sendPage(res, 200, renderLoginPage({ uid, clientId, email, mfa: mfa?.value, error }));
  if (!user || form.get("password") !== DEMO_PASSWORD) return retry("Wrong email or password.");
  if (!mfa) return retry("Choose one of the listed second factors.");

  const accountId = demoSubject(user.email);
  await forgetOtherAccount(provider, details, accountId);
  log(`dev-idp: signed in ${user.email} amr=${mfa.amr.join(",")} (client ${clientId})`);
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId, amr: mfa.amr, acr: mfa.acr } },
    { mergeWithLastSubmission: false },
  );
}

// Reached only when a client explicitly sends prompt=consent: approve what it asked for.
async function grantConsent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: InteractionDetails,
  clientId: string,
) {
  const accountId = details.session?.accountId;
  if (!accountId)
    return sendPage(res, 400, renderErrorPage("No signed-in user to grant consent for."));
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(details.params.scope ?? "openid");
  const missingClaims = details.prompt.details.missingOIDCClaims;
  if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims.map(String));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } });
}
