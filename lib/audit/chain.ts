// The audit hash chain, as the verifier sees it. The database links every event when its
// transaction commits (prisma/migrations/*_audit_chain): seq is the position, prevHash the hash
// of the event before, and hash = sha256(prevHash || canonical content). This file holds the
// verifier's own copy of the canonical expression rather than calling the database's function,
// because the database owner, whom the chain guards against, could redefine that function.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

// Keep in step with audit_chain.canonical() in the migration; tests/audit/chain.test.ts proves
// that a freshly chained trail verifies, which fails if the two ever disagree.
export const CANONICAL_SQL = `jsonb_build_array(
  e."seq", e."id", to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e."action",
  e."result"::text, e."reason", e."actorType"::text, e."actorId", e."actorLabel",
  to_jsonb(e."actorRoles"), to_jsonb(e."actorPermissions"), e."ip", e."userAgent",
  e."requestId", e."method", e."path", e."targetType", e."targetId",
  e."before", e."after", e."metadata"
)::text`;

export function linkHash(prevHash: string, canonical: string): string {
  return createHash("sha256")
    .update(prevHash + canonical, "utf8")
    .digest("hex");
}
