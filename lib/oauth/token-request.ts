// Reads a token request (RFC 6749 §4.4.2) from HTTP: a bounded form body, client authentication
// by HTTP Basic (§2.3.1, id and secret form-urlencoded inside) or in the body, never both.
// Nothing here touches the database: a malformed request is refused before any secret is hashed.
import { readBytes } from "@/lib/http/read-body";
import { AppError } from "@/lib/errors/app-error";
import { OAuthError } from "./oauth-error";

export const TOKEN_REQUEST_MAX_BYTES = 4096;
const MAX_CLIENT_ID = 128;
const MAX_CLIENT_SECRET = 256;

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "none";

export interface TokenRequest {
  grantType: string;
  clientId: string;
  clientSecret: string;
  // Space-delimited, as sent; null when absent.
  scope: string | null;
  authMethod: Exclude<ClientAuthMethod, "none">;
}

// A refused request still names the client it claimed to be, for the rate limit and the audit.
export type ParsedTokenRequest =
  | { ok: true; request: TokenRequest }
  | { ok: false; error: OAuthError; clientId: string | null; authMethod: ClientAuthMethod };

const invalidRequest = (description: string, status?: number) =>
  new OAuthError("invalid_request", description, { status });

// application/x-www-form-urlencoded decoding: "+" is a space (§2.3.1 applies it to Basic too).
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

function parseBasic(header: string): { clientId: string; clientSecret: string } | null {
  const match = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return {
      clientId: formDecode(decoded.slice(0, colon)),
      clientSecret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}

async function readForm(req: Request): Promise<Map<string, string>> {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw invalidRequest("Send the token request as application/x-www-form-urlencoded.", 415);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(req, TOKEN_REQUEST_MAX_BYTES);
  } catch (error) {
    if (error instanceof AppError && error.code === "payload_too_large") {
      throw invalidRequest(`The request body exceeds ${TOKEN_REQUEST_MAX_BYTES} bytes.`, 413);
    }
    throw error;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalidRequest("The request body is not valid UTF-8.");
  }
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    // §3.2: parameters must not repeat; §3.1: an empty parameter counts as omitted.
    if (form.has(name)) throw invalidRequest(`The parameter ${name.slice(0, 40)} is repeated.`);
    if (value !== "") form.set(name, value);
  }
  return form;
}

export async function readTokenRequest(req: Request): Promise<ParsedTokenRequest> {
  const authorization = req.headers.get("authorization");
  const basic = authorization ? parseBasic(authorization) : null;
  let claimedClientId: string | null = basic?.clientId.slice(0, MAX_CLIENT_ID) ?? null;
  let authMethod: ClientAuthMethod = basic ? "client_secret_basic" : "none";
  try {
    if (authorization && !basic) {
      throw new OAuthError("invalid_client", "Client authentication failed.", {
        reason: "malformed or unsupported Authorization header",
      });
    }
    const form = await readForm(req);
    const bodyId = form.get("client_id");
    const bodySecret = form.get("client_secret");
    claimedClientId ??= bodyId?.slice(0, MAX_CLIENT_ID) ?? null;
    if (basic && bodySecret !== undefined) {
      throw invalidRequest(
        "Use one client authentication method: HTTP Basic or client_secret in the body, not both.",
      );
    }
    if (basic && bodyId !== undefined && bodyId !== basic.clientId) {
      throw invalidRequest("client_id in the body does not match the HTTP Basic credentials.");
    }
    if (!basic && bodySecret !== undefined) authMethod = "client_secret_post";
    const credentials =
      basic ??
      (bodyId !== undefined && bodySecret !== undefined
        ? { clientId: bodyId, clientSecret: bodySecret }
        : null);
    if (!credentials) {
      throw new OAuthError(
        "invalid_client",
        "Client authentication is required (HTTP Basic or client_id and client_secret).",
        {
          reason: "no client credentials",
        },
      );
    }
    if (
      credentials.clientId.length > MAX_CLIENT_ID ||
      credentials.clientSecret.length > MAX_CLIENT_SECRET
    ) {
      throw new OAuthError("invalid_client", "Client authentication failed.", {
        reason: "client id or secret too long",
      });
    }
    const grantType = form.get("grant_type");
    if (grantType === undefined) throw invalidRequest("grant_type is required.");
    if (grantType !== "client_credentials") {
      throw new OAuthError(
        "unsupported_grant_type",
        "Only the client_credentials grant is supported.",
        {
          reason: `unsupported grant_type ${grantType.slice(0, 40)}`,
        },
      );
    }
    return {
      ok: true,
      request: {
        grantType,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        scope: form.get("scope") ?? null,
        authMethod: authMethod === "none" ? "client_secret_post" : authMethod,
      },
    };
  } catch (error) {
    if (error instanceof OAuthError)
      return { ok: false, error, clientId: claimedClientId, authMethod };
    throw error;
  }
}
