// The shell recipe a customer copies to check a download: its SHA-256, and its Ed25519 signature
// against the published signing key (openssl 3). The signed message is built by the same
// function that signed it (lib/signing), so the recipe cannot drift from the format.
import { artifactSigningMessage } from "@/lib/signing/artifact-signature";

export interface RecipeInput {
  appUrl: string;
  product: string;
  version: string;
  platform: string;
  arch: string;
  fileName: string;
  size: number;
  sha256: string;
  signature: string;
  signingKeyId: string;
}

// No quote, %, backslash or whitespace can reach the shell or printf's format.
const SAFE = /^[A-Za-z0-9._+/=:-]+$/;

function quoted(value: string): string {
  if (!SAFE.test(value)) throw new TypeError(`unsafe value in a shell recipe: ${value}`);
  return `'${value}'`;
}

// One line of the signed message: checked like a quoted value, returned bare.
function part(value: string): string {
  quoted(value);
  return value;
}

export function verifyRecipe(input: RecipeInput): string {
  const message = artifactSigningMessage(input);
  const keysUrl = `${input.appUrl.replace(/\/+$/, "")}/.well-known/tollgate-signing-keys.json`;
  return [
    `# 1. The SHA-256 must be ${input.sha256}`,
    `sha256sum ${quoted(input.fileName)}`,
    `# 2. The Ed25519 signature, with the published key ${input.signingKeyId}`,
    // printf turns each \n of its format into a newline; the parts hold no % or backslash.
    `printf '${message.split("\n").map(part).join("\\n")}' > artifact.msg`,
    `printf '%s' ${quoted(input.signature)} | base64 -d > artifact.sig`,
    `curl -fsS ${quoted(keysUrl)} | jq -r '.keys[] | select(.keyId == "${part(input.signingKeyId)}") | .publicKeyPem' > tollgate-signing-key.pem`,
    `openssl pkeyutl -verify -pubin -inkey tollgate-signing-key.pem -rawin -in artifact.msg -sigfile artifact.sig`,
  ].join("\n");
}
