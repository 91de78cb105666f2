// Session tokens live in the cookie only. The database keeps their SHA-256, so a leaked
// database backup or a read-only SQL injection does not hand out live sessions.
import { createHash, randomBytes } from "node:crypto";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
