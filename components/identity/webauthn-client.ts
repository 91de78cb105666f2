"use client";
// The browser half of the WebAuthn ceremonies (@simplewebauthn/browser) and the step-up helper:
// run an action, and if the server answers "step-up required", confirm with the security key and
// run it once more.
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";

export class CeremonyError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "CeremonyError";
  }
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const detail =
      data && typeof data === "object" && "detail" in data && typeof data.detail === "string"
        ? data.detail
        : `The request failed (${res.status}).`;
    throw new CeremonyError(detail, res.status);
  }
  return data as T;
}

function browserError(error: unknown): never {
  if (error instanceof CeremonyError) throw error;
  // NotAllowedError: the user cancelled, or the key timed out.
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError")
    throw new CeremonyError("The security key check was cancelled or timed out. Try again.");
  if (name === "InvalidStateError")
    throw new CeremonyError("This security key is already registered to your account.");
  // Anything else is the browser's wording for developers: say what to do instead.
  throw new CeremonyError(
    "The security key could not be used. Try again, or use another key or browser.",
  );
}

export async function registerSecurityKey(): Promise<void> {
  const optionsJSON = await postJson<PublicKeyCredentialCreationOptionsJSON>(
    "/api/webauthn/registration/options",
    {},
  );
  const response = await startRegistration({ optionsJSON }).catch(browserError);
  await postJson("/api/webauthn/registration", { response });
}

export async function verifySecurityKey(purpose: "mfa" | "step-up"): Promise<void> {
  const optionsJSON = await postJson<PublicKeyCredentialRequestOptionsJSON>(
    "/api/webauthn/authentication/options",
    { purpose },
  );
  const response = await startAuthentication({ optionsJSON }).catch(browserError);
  await postJson("/api/webauthn/authentication", { purpose, response });
}

// Runs `call`; when its result says a step-up is needed, confirms with the security key and runs
// it once more. Works for server actions (pass a predicate on their result) and for fetch.
export async function runWithStepUp<T>(
  call: () => Promise<T>,
  needsStepUp: (result: T) => boolean | Promise<boolean>,
): Promise<T> {
  const first = await call();
  if (!(await needsStepUp(first))) return first;
  await verifySecurityKey("step-up");
  return call();
}
