// Who a session cookie belongs to, for the sign-out page: the account's email, or null when the
// cookie names no session. It reads only; the lifetime rules are the guards' (resolve-session.ts).
import { db } from "@/lib/db/client";
import { readSessionToken } from "./session-cookie";
import { hashSessionToken } from "./session-token";

export async function signedInEmail(headers: Headers): Promise<string | null> {
  const token = readSessionToken(headers);
  if (!token) return null;
  const session = await db().session.findUnique({
    where: { sessionToken: hashSessionToken(token) },
    select: { user: { select: { email: true } } },
  });
  return session?.user.email ?? null;
}
