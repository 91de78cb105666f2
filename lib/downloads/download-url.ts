// Signed, expiring download URLs, bound to one artifact and one principal:
//
//   ${APP_URL}/api/downloads/<artifactId>?client=<apiClientId>&exp=<unix>&sig=<mac>   (agents)
//   ${APP_URL}/api/downloads/<artifactId>?cust=<customerId>&exp=<unix>&sig=<mac>      (portal)
//   ${APP_URL}/api/downloads/<artifactId>?staff=<userId>&exp=<unix>&sig=<mac>          (staff)
//
// mac = base64url(HMAC-SHA256(DOWNLOAD_URL_SECRET, "tollgate-download-v1|<artifactId>|<kind>:<id>|<exp>")).
// The URL alone is not enough: the download route also requires that principal's credentials
// (the client's bearer token, a portal session of that customer, or that staff user's session
// from the staff network with artifacts:read), so a leaked URL is useless
// to anyone else, and it expires after DOWNLOAD_URL_TTL seconds.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export type DownloadPrincipal =
  { kind: "client"; id: string } | { kind: "customer"; id: string } | { kind: "staff"; id: string };

const PARAM = { client: "client", customer: "cust", staff: "staff" } as const;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAC = /^[A-Za-z0-9_-]{43}$/;
const EXP = /^[0-9]{1,12}$/;

function mac(
  artifactId: string,
  principal: DownloadPrincipal,
  exp: number,
  secret: string,
): string {
  const message = `tollgate-download-v1|${artifactId}|${principal.kind}:${principal.id}|${exp}`;
  return createHmac("sha256", secret).update(message).digest("base64url");
}

export interface SignDownloadUrlInput {
  artifactId: string;
  principal: DownloadPrincipal;
  now?: Date;
  ttlSeconds?: number;
}

export function signDownloadUrl(input: SignDownloadUrlInput): { url: string; expiresAt: Date } {
  const e = env();
  const now = input.now ?? new Date();
  const exp = Math.floor(now.getTime() / 1000) + (input.ttlSeconds ?? e.DOWNLOAD_URL_TTL);
  const url = new URL(`/api/downloads/${encodeURIComponent(input.artifactId)}`, e.APP_URL);
  url.searchParams.set(PARAM[input.principal.kind], input.principal.id);
  url.searchParams.set("exp", String(exp));
  url.searchParams.set("sig", mac(input.artifactId, input.principal, exp, e.DOWNLOAD_URL_SECRET));
  return { url: url.toString(), expiresAt: new Date(exp * 1000) };
}

export type DownloadUrlVerdict =
  | { ok: true; principal: DownloadPrincipal; expiresAt: Date }
  | { ok: false; reason: "malformed_url" | "bad_signature" | "url_expired" };

export function verifyDownloadUrl(
  artifactId: string,
  search: URLSearchParams,
  now: Date = new Date(),
): DownloadUrlVerdict {
  const named = (Object.keys(PARAM) as DownloadPrincipal["kind"][]).flatMap((kind) =>
    search.getAll(PARAM[kind]).map((id) => ({ kind, id })),
  );
  const exp = search.getAll("exp");
  const sig = search.getAll("sig");
  // Exactly one principal and one of each parameter: no ambiguity about what was signed.
  const [principal] = named;
  if (!principal || named.length !== 1 || exp.length !== 1 || sig.length !== 1) {
    return { ok: false, reason: "malformed_url" };
  }
  const [expText = "", given = ""] = [exp[0], sig[0]];
  if (!ID.test(principal.id) || !EXP.test(expText) || !MAC.test(given)) {
    return { ok: false, reason: "malformed_url" };
  }
  const expected = Buffer.from(
    mac(artifactId, principal, Number(expText), env().DOWNLOAD_URL_SECRET),
  );
  // Checked before expiry so that an expired URL is only reported as such when it is genuine.
  if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: "bad_signature" };
  const expiresAt = new Date(Number(expText) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: "url_expired" };
  return { ok: true, principal, expiresAt };
}
