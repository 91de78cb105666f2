// A checkpoint is a signed statement "the audit chain's event #seq has hash H, linked at T",
// Ed25519 with the deployment's signing keyring (lib/signing), carrying the key id. It is what
// makes a shortened chain detectable: an intact chain that ends before a signed seq lost events.
import { canonicalJson } from "@/lib/signing/canonical-json";
import { signBytes, verifyBytes } from "@/lib/signing/sign-bytes";
import { currentKeyring, type Keyring } from "@/lib/signing/keyring";

export interface CheckpointStatement {
  seq: string;
  hash: string;
  chainedAt: string;
  keyId: string;
  signature: string;
}

const payload = (s: Pick<CheckpointStatement, "seq" | "hash" | "chainedAt">) =>
  canonicalJson({
    type: "tollgate.audit-checkpoint.v1",
    seq: s.seq,
    hash: s.hash,
    chainedAt: s.chainedAt,
  });

export function signCheckpoint(
  head: { seq: string; hash: string; chainedAt: string },
  keyring: Keyring = currentKeyring(),
): CheckpointStatement {
  return { ...head, ...signBytes(payload(head), keyring) };
}

// Null when valid, else why not.
export function verifyCheckpoint(
  statement: CheckpointStatement,
  keyring: Keyring = currentKeyring(),
): string | null {
  if (!keyring.keys.has(statement.keyId)) return `unknown signing key ${statement.keyId}`;
  return verifyBytes(payload(statement), statement, keyring) ? null : "bad signature";
}
